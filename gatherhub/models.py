"""GatherHub's data: profiles, events and their participants, tasks, and votes with options and ballots."""

from datetime import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from gatherhub.config import event_ongoing_duration

MAX_PARTICIPANTS_LIMIT = 10_000


class Profile(models.Model):
    """What GatherHub keeps about an account besides the platform user: split names and a bio."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True, related_name="gatherhub_profile"
    )
    first_name = models.CharField(max_length=150, blank=True)
    last_name = models.CharField(max_length=150, blank=True)
    bio = models.TextField(blank=True, max_length=2000)

    def __str__(self) -> str:
        return f"Profile of {self.user_id}"


class EventStatus(models.TextChoices):
    UPCOMING = "upcoming", "Upcoming"
    ONGOING = "ongoing", "Ongoing"
    COMPLETED = "completed", "Completed"


def event_status_at(date: datetime, now: datetime | None = None) -> str:
    """Upcoming before `date`, ongoing for the configured duration after it, completed afterwards."""
    now = now or timezone.now()
    if now < date:
        return EventStatus.UPCOMING
    if now < date + event_ongoing_duration():
        return EventStatus.ONGOING
    return EventStatus.COMPLETED


class Event(models.Model):
    """A gathering at a date; its creator is its first participant. Status is derived from the date."""

    title = models.CharField(max_length=200)
    description = models.TextField(blank=True, max_length=10_000)
    date = models.DateTimeField(db_index=True)
    location = models.CharField(max_length=255, blank=True)
    max_participants = models.PositiveIntegerField(
        default=50, validators=[MinValueValidator(1), MaxValueValidator(MAX_PARTICIPANTS_LIMIT)]
    )
    # Kept equal to the number of participations by the services, under a row lock.
    current_participants = models.PositiveIntegerField(default=0)
    creator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="gatherhub_events_created"
    )
    participants = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="Participation", related_name="gatherhub_events"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["date", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def status(self) -> str:
        return event_status_at(self.date)


class Participation(models.Model):
    """One account taking part in one event."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="participations")
    # Indexed with the event below: an account's events are then read from the index alone.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="gatherhub_participations", db_index=False
    )
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["joined_at", "id"]
        constraints = [models.UniqueConstraint(fields=["event", "user"], name="gatherhub_participation_unique")]
        indexes = [models.Index(fields=["user", "event"], name="gatherhub_participation_user")]

    def __str__(self) -> str:
        return f"{self.user_id} in event {self.event_id}"


class TaskStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETED = "completed", "Completed"


class TaskPriority(models.TextChoices):
    LOW = "low", "Low"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"
    URGENT = "urgent", "Urgent"


class Task(models.Model):
    """Something to do for an event, optionally assigned to one of its participants."""

    # Indexed with the task list's order below: a page of an account's tasks is read from the index.
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="tasks", db_index=False)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True, max_length=10_000)
    status = models.CharField(max_length=16, choices=TaskStatus.choices, default=TaskStatus.PENDING, db_index=True)
    priority = models.CharField(max_length=16, choices=TaskPriority.choices, default=TaskPriority.MEDIUM)
    due_date = models.DateTimeField(null=True, blank=True, db_index=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="gatherhub_tasks_assigned",
    )
    creator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="gatherhub_tasks_created"
    )
    completed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["event", "created_at", "id"], name="gatherhub_task_event_created")]

    def __str__(self) -> str:
        return self.title


class VoteStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    ENDED = "ended", "Ended"


def vote_status_at(ends_at: datetime | None, now: datetime | None = None) -> str:
    """Active until `ends_at`, ended from then on; a vote without `ends_at` stays active."""
    if ends_at is None:
        return VoteStatus.ACTIVE
    return VoteStatus.ACTIVE if (now or timezone.now()) < ends_at else VoteStatus.ENDED


class Vote(models.Model):
    """A poll among an event's participants, open until `ends_at` (or for good when it has none)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="votes")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True, max_length=10_000)
    creator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="gatherhub_votes_created"
    )
    # Null: open-ended, never closed by the beat task (issue #15, for GatherHub's own frontend).
    ends_at = models.DateTimeField(db_index=True, null=True, blank=True)
    multiple_choice = models.BooleanField(default=False)
    # Set once by the closing task, so that `vote_ended` is announced exactly once.
    closed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title

    @property
    def status(self) -> str:
        return vote_status_at(self.ends_at)


class VoteOption(models.Model):
    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="options")
    text = models.CharField(max_length=200)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.text


class Ballot(models.Model):
    """One account's cast in one vote: one option, or several when the vote is multiple choice."""

    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="ballots")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="gatherhub_ballots")
    options = models.ManyToManyField(VoteOption, related_name="ballots")
    voted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["voted_at", "id"]
        # The database, not only the service, guarantees one cast per account.
        constraints = [models.UniqueConstraint(fields=["vote", "user"], name="gatherhub_ballot_once_per_user")]

    def __str__(self) -> str:
        return f"{self.user_id} in vote {self.vote_id}"


def ongoing_window_start(now: datetime | None = None) -> datetime:
    """Events dated after this instant (and not in the future) are ongoing."""
    return (now or timezone.now()) - event_ongoing_duration()


def names_of(user) -> tuple[str, str]:
    """(first_name, last_name) of an account: its GatherHub profile, else its platform name split once.

    Accounts made outside GatherHub's sign-up (create_account, seed_demo) may have no profile yet.
    """
    try:
        profile = user.gatherhub_profile
    except Profile.DoesNotExist:
        profile = None
    if profile is not None:
        return profile.first_name, profile.last_name
    first, _, last = (user.name or "").partition(" ")
    return first, last
