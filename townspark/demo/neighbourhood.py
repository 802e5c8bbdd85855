"""The small demo (seed_demo without --scale): 40 residents and 400 issues over the past year, bulk-created."""

import uuid
from datetime import timedelta

from django.utils import timezone

from core.demo import DEMO_PASSWORD, password_hash
from townspark.demo.common import (
    AREAS,
    COMMENTS,
    FIRST_NAMES,
    LAST_NAMES,
    PROBLEMS,
    REALM,
    REPLIES,
    STREETS,
    User,
    status_for_age,
)
from townspark.models import (
    Bookmark,
    Category,
    Comment,
    Issue,
    IssueTimeline,
    Notification,
    OfficialResponse,
    Profile,
    Upvote,
)
from townspark.services.issues import issue_id_for, issue_numbers_allocate

NEIGHBOURHOOD_ISSUES = 400
RESIDENTS = 40


def neighbourhood_seed(rng, *, citizen, staff, admin) -> list:
    """The residents (the demo citizen first) and their year of issues; returns the residents."""
    residents = [citizen, *_residents(rng)]
    _neighbourhood(rng, residents=residents, staff=staff, admin=admin)
    return residents


def _residents(rng) -> list:
    now = timezone.now()
    password = password_hash(DEMO_PASSWORD)
    users = []
    for n in range(RESIDENTS):
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        users.append(
            User(
                email=f"resident{n:02d}@townspark.demo",
                username=f"{first.lower()}_{last.lower()}{n}",
                realm=REALM,
                role="citizen",
                name=f"{first} {last}",
                password=password,
                is_verified=True,
                date_joined=now - timedelta(days=rng.randint(30, 420)),
            )
        )
    User.objects.bulk_create(users)
    Profile.objects.bulk_create(
        [Profile(user=user, ward=rng.choice(list(AREAS)), location="TownSpark") for user in users]
    )
    return users


def _neighbourhood(rng, *, residents, staff, admin) -> None:
    now = timezone.now()
    categories = {category.id: category for category in Category.objects.all()}
    numbers = issue_numbers_allocate(count=NEIGHBOURHOOD_ISSUES)
    issues, timeline, upvotes, comments, notifications, responses, bookmarks = [], [], [], [], [], [], []
    demo_citizen = residents[0]
    for index, number in enumerate(numbers):
        category_id = rng.choice(list(PROBLEMS))
        category = categories[category_id]
        area = rng.choice(list(AREAS))
        lat, lng = AREAS[area]
        reporter = demo_citizen if index % 30 == 0 else rng.choice(residents)
        created = now - timedelta(days=rng.uniform(0, 365), minutes=rng.randint(0, 600))
        days_old = (now - created).total_seconds() / 86400
        status = status_for_age(rng, days_old)
        department_id = category.default_department_id or "public-works"
        resolver = staff.get(department_id, staff["public-works"])
        problem = rng.choice(PROBLEMS[category_id])
        street = rng.choice(STREETS)
        issue = Issue(
            id=issue_id_for(number),
            number=number,
            title=f"{problem} on {street}",
            description=f"{problem} near {rng.randint(1, 300)} {street}, {area}. Please take a look.",
            category=category,
            status=status,
            urgency=rng.choices(["low", "normal", "high", "critical"], weights=[3, 5, 3, 1])[0],
            address=f"{rng.randint(1, 300)} {street}",
            area=area,
            latitude=round(lat + rng.uniform(-0.01, 0.01), 6),
            longitude=round(lng + rng.uniform(-0.01, 0.01), 6),
            reporter=reporter,
            department_id=department_id,
            is_anonymous=rng.random() < 0.05,
            created_at=created,
            updated_at=created,
        )
        timeline.append(IssueTimeline(issue=issue, status="reported", note="Issue reported", created_at=created))
        moment = created
        steps = {"reported": [], "acknowledged": ["acknowledged"], "in-progress": ["acknowledged", "in-progress"]}
        steps["resolved"] = ["acknowledged", "in-progress", "resolved"]
        # Later steps must not land in the future for young issues.
        span = max(0.02, min(days_old, 20) / (len(steps[status]) + 1))
        for step in steps[status]:
            moment = moment + timedelta(days=rng.uniform(0.01, span))
            note = {
                "acknowledged": "Issue has been reviewed",
                "in-progress": "Crew scheduled",
                "resolved": "Work completed",
            }[step]
            timeline.append(IssueTimeline(issue=issue, status=step, note=note, updated_by=resolver, created_at=moment))
            if step == "acknowledged":
                issue.first_response_at = moment
            if step == "resolved":
                issue.resolved_at = moment
            notifications.append(
                Notification(
                    user=reporter,
                    type="resolution" if step == "resolved" else "status_update",
                    title="Issue Resolved" if step == "resolved" else "Status Update",
                    message=f"Your issue '{issue.title}' has been {step.replace('-', ' ')}.",
                    issue=issue,
                    actor=resolver,
                    read=(now - moment).days > 7,
                    created_at=moment,
                )
            )
        if status in ("in-progress", "resolved"):
            issue.assigned_resolver = resolver
        issue.updated_at = moment
        if status == "resolved" and rng.random() < 0.5:
            responses.append(
                OfficialResponse(
                    issue=issue,
                    department_id=department_id,
                    message="Thank you for reporting. A crew has been dispatched and the work is complete.",
                    responder=resolver,
                    created_at=moment,
                )
            )
        voters = rng.sample(residents, k=min(len(residents), int(rng.paretovariate(1.6) * 2)))
        for voter in voters:
            voted_at = created + timedelta(hours=rng.uniform(0.1, max(0.2, days_old * 24)))
            upvotes.append(Upvote(user=voter, issue=issue, created_at=min(voted_at, now)))
            if reporter == demo_citizen and voter != reporter:
                notifications.append(
                    Notification(
                        user=reporter, type="upvote", title="New Uplift",
                        message=f"{voter.name} uplifted your issue '{issue.title}'.", issue=issue, actor=voter,
                        read=(now - voted_at).days > 7, created_at=min(voted_at, now),
                    )
                )  # fmt: skip
        issue.upvote_count = len(voters)
        thread = []
        for _ in range(rng.choice([0, 0, 1, 1, 2, 3, 4, 6])):
            author = rng.choice(residents)
            said_at = min(now, created + timedelta(hours=rng.uniform(0.2, max(0.3, days_old * 24))))
            parent = rng.choice(thread) if thread and rng.random() < 0.35 else None
            comment = Comment(
                id=uuid.uuid4(),
                issue=issue,
                author=author,
                content=rng.choice(REPLIES if parent else COMMENTS),
                parent=parent,
                root=parent,
                like_count=0,
                created_at=said_at,
            )
            if parent is None:
                thread.append(comment)
            comments.append(comment)
            if author != reporter:
                notifications.append(
                    Notification(
                        user=reporter, type="comment", title="New Comment",
                        message=f"{author.name} commented on your issue '{issue.title}'.", issue=issue, actor=author,
                        read=(now - said_at).days > 7, created_at=said_at,
                    )
                )  # fmt: skip
        issue.comment_count = sum(1 for comment in comments if comment.issue is issue)
        issue.share_count = rng.randint(0, 12)
        if rng.random() < 0.1:
            bookmarks.append(Bookmark(user=demo_citizen, issue=issue, created_at=created))
        issues.append(issue)
    Issue.objects.bulk_create(issues, batch_size=500)
    IssueTimeline.objects.bulk_create(timeline, batch_size=1000)
    Upvote.objects.bulk_create(upvotes, batch_size=1000, ignore_conflicts=True)
    comments.sort(key=lambda comment: comment.parent is not None)  # parents before their replies
    Comment.objects.bulk_create(comments, batch_size=1000)
    OfficialResponse.objects.bulk_create(responses, batch_size=500)
    Bookmark.objects.bulk_create(bookmarks, batch_size=500, ignore_conflicts=True)
    Notification.objects.bulk_create(notifications, batch_size=1000)
    Notification.objects.create(
        user=staff["public-works"], type="assignment", title="New Assignment",
        message="Welcome! Issues in your wards are waiting in the pending list.", actor=admin,
    )  # fmt: skip
