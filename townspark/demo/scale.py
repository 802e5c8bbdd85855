"""Bulk demo data at scale N (seed_demo --scale N, for the benchmarks); see the package docstring."""

import random
import uuid
from collections import Counter
from datetime import timedelta
from itertools import accumulate

from django.db import connection, transaction
from django.utils import timezone

from core.demo import DEMO_PASSWORD, password_hash
from core.demo.bulk import bulk_insert
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
    resolvers_seed,
    status_for_age,
)
from townspark.models import (
    Bookmark,
    Category,
    Comment,
    Issue,
    IssueImage,
    IssueTimeline,
    Notification,
    OfficialResponse,
    Profile,
    Upvote,
)
from townspark.services.badges import badges_award
from townspark.services.issues import issue_id_for, issue_numbers_allocate

SCALE_1 = {"residents": 20_000, "issues": 100_000, "upvotes": 1_000_000, "comments": 300_000, "notifications": 200_000}
BOOKMARKS_AT_SCALE_1 = 20_000
MIN_SCALE = 0.001  # below it there are too few residents for 10 distinct upvotes per issue
BUSY_ISSUE_COMMENT_SHARE = 0.01
DEMO_CITIZEN_NOTIFICATION_SHARE = 0.05
DEMO_CITIZEN_BOOKMARK_SHARE = 0.05
DEMO_CITIZEN_REPORTS_EVERY = 200  # the 4th newest issue, the 204th...
DEMO_CITIZEN_UPVOTE_CHANCE = 0.05
REPLY_CHANCE = 0.3
IMAGE_CHANCE = 0.2
DAYS_OF_ISSUES = 730
# The region of the districts: about 55 km by 60 km around the small demo's wards.
REGION = {"lat": (40.45, 40.95), "lng": (-74.35, -73.65)}
DISTRICTS = 60
DISTRICT_NAMES = [
    "Northgate", "Southbank", "Eastfield", "Westbrook", "Millbrook", "Kingsway", "Greenhill", "Lakeside",
    "Fairview", "Brookside", "Cedar Park", "Maple Heights", "Harbour", "Ashford", "Highfield", "Stonebridge",
]  # fmt: skip
MORE_STREETS = [
    "High Street", "Church Lane", "Mill Road", "Victoria Road", "Queens Avenue", "Bridge Street", "Chapel Hill",
    "Harbour Road", "Orchard Way", "Meadow Lane", "School Road", "King Street", "Hill Road", "Canal Walk",
]  # fmt: skip
DETAILS = [
    "Please take a look.",
    "It has been like this for a week.",
    "It is getting worse every day.",
    "Dangerous for cyclists and pedestrians.",
    "Several neighbours have complained.",
    "It is right in front of the school gate.",
]
STEP_NOTES = {"acknowledged": "Issue has been reviewed", "in-progress": "Crew scheduled", "resolved": "Work completed"}
STEPS = {
    "reported": [],
    "acknowledged": ["acknowledged"],
    "in-progress": ["acknowledged", "in-progress"],
    "resolved": ["acknowledged", "in-progress", "resolved"],
}
ISSUE_FIELDS = (
    "id", "number", "title", "description", "category_id", "status", "urgency", "address", "area", "latitude",
    "longitude", "reporter_id", "assigned_resolver_id", "department_id", "is_anonymous", "upvote_count",
    "comment_count", "share_count", "created_at", "updated_at", "first_response_at", "resolved_at",
)  # fmt: skip
TIMELINE_FIELDS = ("issue_id", "status", "note", "updated_by_id", "created_at")
RESPONSE_FIELDS = ("issue_id", "department_id", "message", "responder_id", "created_at", "updated_at")
IMAGE_FIELDS = ("issue_id", "image", "thumbnail", "is_after_image", "position", "uploaded_at")
UPVOTE_FIELDS = ("user_id", "issue_id", "created_at")
BOOKMARK_FIELDS = ("user_id", "issue_id", "created_at")
COMMENT_FIELDS = ("id", "issue_id", "author_id", "content", "parent_id", "root_id", "like_count", "created_at")
COMMENT_FIELDS += ("updated_at",)
NOTIFICATION_FIELDS = ("id", "user_id", "type", "title", "message", "issue_id", "actor_id", "read", "created_at")


def scale_counts(scale: float) -> dict[str, int]:
    """The rows seeded at scale N, linear in N (the demo accounts and resolvers come on top)."""
    counts = {key: round(value * scale) for key, value in SCALE_1.items()}
    counts["bookmarks"] = round(BOOKMARKS_AT_SCALE_1 * scale)
    return counts


def resident_email(n: int) -> str:
    return f"resident{n:05d}@townspark.demo"


class _Person:
    __slots__ = ("id", "name")

    def __init__(self, id, name: str):  # noqa: A002 - mirrors the model
        self.id, self.name = id, name


class _Issue:
    """What the later tables need to know about a generated issue."""

    __slots__ = ("id", "title", "created_at", "reporter_id", "status", "resolver_id", "weight")

    def __init__(self, **values):
        for key, value in values.items():
            setattr(self, key, value)


def seed_at_scale(*, scale: float, citizen, admin) -> None:
    """The bulk data of scale N (module docstring); nothing when already seeded at this scale."""
    if scale < MIN_SCALE:
        raise ValueError(f"TownSpark needs --scale {MIN_SCALE} or more.")
    counts = scale_counts(scale)
    if User.objects.filter(realm=REALM, email=resident_email(0)).exists():
        residents = User.objects.filter(realm=REALM)
        last, beyond = resident_email(counts["residents"] - 1), resident_email(counts["residents"])
        if residents.filter(email=last).exists() and not residents.filter(email=beyond).exists():
            return
        raise ValueError("TownSpark bulk data of another scale is already there: seed a fresh database.")
    rng = random.Random(20240116)  # noqa: S311 - demo data, not security
    now = timezone.now()
    staff = {department: user.pk for department, user in resolvers_seed(admin).items()}
    people = [_Person(citizen.pk, citizen.name), *_scale_residents(rng, count=counts["residents"], now=now)]
    issues = _scale_issues(rng, count=counts["issues"], now=now, people=people, staff=staff)
    bulk_insert(Upvote, UPVOTE_FIELDS, _upvote_rows(rng, issues, total=counts["upvotes"], people=people, now=now))
    bulk_insert(Comment, COMMENT_FIELDS, _comment_rows(rng, issues, total=counts["comments"], people=people, now=now))
    rows = _notification_rows(rng, issues, total=counts["notifications"], people=people, staff=staff, now=now)
    bulk_insert(Notification, NOTIFICATION_FIELDS, rows)
    bulk_insert(Bookmark, BOOKMARK_FIELDS, _bookmark_rows(rng, issues, total=counts["bookmarks"], people=people))
    counters_recount(first=issues[0].id, last=issues[-1].id)
    for user in User.objects.filter(pk__in=[person.id for person in people[:12]]):
        badges_award(user=user)
    if connection.vendor == "postgresql":
        transaction.on_commit(_vacuum_analyze)


def _uuid(rng) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def _after(rng, start, now):
    """A moment between `start` and `now`."""
    return start + timedelta(seconds=rng.uniform(0, max(0.0, (now - start).total_seconds())))


def _scale_residents(rng, *, count: int, now) -> list[_Person]:
    """`count` verified citizens with profiles; one password hash for all (hashing each would take hours)."""
    password = password_hash(DEMO_PASSWORD)
    users, wards = [], [*AREAS, *DISTRICT_NAMES]
    for n in range(count):
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        users.append(
            User(
                uuid=_uuid(rng),
                email=resident_email(n),
                username=f"{first.lower()}.{last.lower()}.{n}",
                realm=REALM,
                role="citizen",
                name=f"{first} {last}",
                password=password,
                is_verified=True,
                date_joined=now - timedelta(days=rng.uniform(30, DAYS_OF_ISSUES + 200)),
            )
        )
    User.objects.bulk_create(users, batch_size=2000)
    profiles = [Profile(user_id=user.pk, ward=rng.choice(wards), location="TownSpark") for user in users]
    Profile.objects.bulk_create(profiles, batch_size=2000)
    return [_Person(user.pk, user.name) for user in users]


def _districts(rng) -> list[tuple[str, float, float, float]]:
    """(name, lat, lng, weight): the small demo's wards and more districts over the region."""
    (south, north), (west, east) = REGION["lat"], REGION["lng"]
    districts = [(name, lat, lng, rng.uniform(0.5, 2)) for name, (lat, lng) in AREAS.items()]
    for n in range(DISTRICTS - len(districts)):
        name = f"{DISTRICT_NAMES[n % len(DISTRICT_NAMES)]} {n // len(DISTRICT_NAMES) + 1}"
        districts.append((name, rng.uniform(south, north), rng.uniform(west, east), rng.uniform(0.5, 2)))
    return districts


def _scale_issues(rng, *, count: int, now, people: list[_Person], staff: dict) -> list[_Issue]:
    """Insert `count` issues over two years (oldest first, numbered in that order) with their timelines,
    official responses and image rows; the counters stay 0 until `counters_recount`."""
    categories = {category.id: category for category in Category.objects.all()}
    districts = _districts(rng)
    district_weights = list(accumulate(district[3] for district in districts))
    streets, category_ids = [*STREETS, *MORE_STREETS], list(PROBLEMS)
    ages = sorted((rng.uniform(0, DAYS_OF_ISSUES) for _ in range(count)), reverse=True)
    issues, rows, timeline, responses, images = [], [], [], [], []
    for index, (number, days_old) in enumerate(zip(issue_numbers_allocate(count=count), ages, strict=True)):
        created = now - timedelta(days=days_old)
        category_id = rng.choice(category_ids)
        department_id = categories[category_id].default_department_id or "public-works"
        resolver_id = staff.get(department_id, staff["public-works"])
        newest_first = count - 1 - index
        demo_citizens = newest_first % DEMO_CITIZEN_REPORTS_EVERY == 3
        reporter_id = people[0 if demo_citizens else rng.randrange(1, len(people))].id
        area, lat, lng, _ = rng.choices(districts, cum_weights=district_weights)[0]
        problem, street = rng.choice(PROBLEMS[category_id]), rng.choice(streets)
        status = status_for_age(rng, days_old)
        issue = _Issue(
            id=issue_id_for(number),
            title=f"{problem} on {street}",
            created_at=created,
            reporter_id=reporter_id,
            status=status,
            resolver_id=resolver_id if status in ("in-progress", "resolved") else None,
            weight=rng.paretovariate(1.5),
        )
        timeline.append((issue.id, "reported", "Issue reported", None, created))
        moment, first_response, resolved = created, None, None
        span = max(0.02, min(days_old, 20) / (len(STEPS[status]) + 1))  # young issues: steps not in the future
        for step in STEPS[status]:
            moment = min(now, moment + timedelta(days=rng.uniform(0.01, span)))
            timeline.append((issue.id, step, STEP_NOTES[step], resolver_id, moment))
            first_response = first_response or moment
            resolved = moment if step == "resolved" else None
        if status == "resolved" and rng.random() < 0.5:
            message = "Thank you for reporting. A crew has been dispatched and the work is complete."
            responses.append((issue.id, department_id, message, resolver_id, moment, moment))
        if rng.random() < IMAGE_CHANCE:
            for position in range(rng.choice([1, 1, 2, 3])):
                image = f"townspark/issues/seed/{issue.id}-{position + 1}.jpg"
                images.append((issue.id, image, "", False, position, created))
        house = rng.randint(1, 300)
        rows.append(
            (
                issue.id, number, issue.title,
                f"{problem} near {house} {street}, {area}. {rng.choice(DETAILS)}",
                category_id, status, rng.choices(["low", "normal", "high", "critical"], weights=[3, 5, 3, 1])[0],
                f"{house} {street}", area, round(rng.gauss(lat, 0.012), 6), round(rng.gauss(lng, 0.016), 6),
                reporter_id, issue.resolver_id, department_id, rng.random() < 0.05, 0, 0,
                int(rng.paretovariate(2)) - 1, created, moment, first_response, resolved,
            )
        )  # fmt: skip
        issues.append(issue)
    bulk_insert(Issue, ISSUE_FIELDS, rows)
    bulk_insert(IssueTimeline, TIMELINE_FIELDS, timeline)
    bulk_insert(OfficialResponse, RESPONSE_FIELDS, responses)
    bulk_insert(IssueImage, IMAGE_FIELDS, images)
    return issues


def _upvote_rows(rng, issues: list[_Issue], *, total: int, people: list[_Person], now):
    """Exactly `total` distinct (voter, issue) pairs, spread by each issue's weight (a few issues get thousands)."""
    voters = len(people)
    weight = sum(issue.weight for issue in issues)
    wanted = [min(voters, int(total * issue.weight / weight)) for issue in issues]
    missing, order = total - sum(wanted), list(range(len(issues)))
    if total > voters * len(issues):
        raise ValueError("More upvotes than (resident, issue) pairs: raise the scale.")
    while missing > 0:
        rng.shuffle(order)
        for index in order[:missing]:
            if wanted[index] < voters:
                wanted[index] += 1
                missing -= 1
    for issue, count in zip(issues, wanted, strict=True):
        chosen = rng.sample(range(voters), count)
        if chosen and 0 not in chosen and rng.random() < DEMO_CITIZEN_UPVOTE_CHANCE:
            chosen[0] = 0  # the demo citizen's own upvotes show in the feed
        for voter in chosen:
            yield people[voter].id, issue.id, _after(rng, issue.created_at, now)


def _comment_rows(rng, issues: list[_Issue], *, total: int, people: list[_Person], now):
    """`total` comments, 1% of them on the heaviest issue, the rest by weight; about 30% replies in threads."""
    busy = max(range(len(issues)), key=lambda index: issues[index].weight)
    on_busy = max(1, round(total * BUSY_ISSUE_COMMENT_SHARE))
    cumulative = list(accumulate(issue.weight for issue in issues))
    per_issue = Counter(rng.choices(range(len(issues)), cum_weights=cumulative, k=total - on_busy))
    per_issue[busy] += on_busy
    for index in sorted(per_issue):
        issue = issues[index]
        thread = []  # (id, root id) of the issue's comments so far
        for said_at in sorted(_after(rng, issue.created_at, now) for _ in range(per_issue[index])):
            comment_id = _uuid(rng)
            if thread and rng.random() < REPLY_CHANCE:
                parent_id, parent_root = rng.choice(thread)
                root_id, content = parent_root or parent_id, rng.choice(REPLIES)
            else:
                parent_id = root_id = None
                content = rng.choice(COMMENTS)
            thread.append((comment_id, root_id))
            author = rng.choice(people).id
            yield comment_id, issue.id, author, content, parent_id, root_id, 0, said_at, said_at


def _notification_rows(rng, issues: list[_Issue], *, total: int, people: list[_Person], staff: dict, now):
    """`total` notifications to reporters about their issues, 5% of them to the demo citizen."""
    citizen = people[0].id
    own = [issue for issue in issues if issue.reporter_id == citizen] or issues
    mine = round(total * DEMO_CITIZEN_NOTIFICATION_SHARE)
    cumulative = list(accumulate(issue.weight for issue in issues))
    picks = [rng.choice(own) for _ in range(mine)] + rng.choices(issues, cum_weights=cumulative, k=total - mine)
    for number, issue in enumerate(picks):
        user = citizen if number < mine else issue.reporter_id
        kind = rng.choices(["upvote", "comment", "status"], weights=[4, 3, 3])[0]
        title = issue.title
        if kind == "status":
            actor = issue.resolver_id or staff["public-works"]
            if issue.status == "resolved" and rng.random() < 0.5:
                kind, heading, message = "resolution", "Issue Resolved", f"Your issue '{title}' has been resolved."
            else:
                kind, heading, message = "status_update", "Status Update", f"Your issue '{title}' has been reviewed."
        else:
            person = rng.choice(people)
            if person.id == user:
                person = people[(people.index(person) + 1) % len(people)]
            actor = person.id
            if kind == "upvote":
                heading, message = "New Uplift", f"{person.name} uplifted your issue '{title}'."
            else:
                heading, message = "New Comment", f"{person.name} commented on your issue '{title}'."
        created = _after(rng, issue.created_at, now)
        read = (now - created).days > 7 and rng.random() < 0.9
        yield _uuid(rng), user, kind, heading, message, issue.id, actor, read, created


def _bookmark_rows(rng, issues: list[_Issue], *, total: int, people: list[_Person]):
    pairs = set()
    mine = min(len(issues), round(total * DEMO_CITIZEN_BOOKMARK_SHARE))
    for issue in rng.sample(issues, mine):
        pairs.add((0, issue))
    while len(pairs) < min(total, len(people) * len(issues)):
        pairs.add((rng.randrange(1, len(people)), rng.choice(issues)))
    for person, issue in sorted(pairs, key=lambda pair: (pair[0], pair[1].id)):
        yield people[person].id, issue.id, issue.created_at


def counters_recount(*, first: str, last: str) -> None:
    """Set upvote_count and comment_count of the issues `first`..`last` from the rows: one grouped UPDATE."""
    numbers = int(first.removeprefix("TS-")), int(last.removeprefix("TS-"))
    quote = connection.ops.quote_name
    issue, upvote, comment = (quote(model._meta.db_table) for model in (Issue, Upvote, Comment))
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {issue} SET upvote_count = counted.upvotes, comment_count = counted.comments FROM ("  # noqa: S608
            f"SELECT issue_id, SUM(upvote) AS upvotes, SUM(comment) AS comments FROM ("
            f"SELECT issue_id, 1 AS upvote, 0 AS comment FROM {upvote} UNION ALL "
            f"SELECT issue_id, 0 AS upvote, 1 AS comment FROM {comment}) AS counts GROUP BY issue_id) AS counted "
            f"WHERE {issue}.id = counted.issue_id AND {issue}.number BETWEEN %s AND %s",
            numbers,
        )


def _vacuum_analyze() -> None:
    """After the commit: the issue table compacted (the counters rewrote it), statistics and visibility maps."""
    tables = [model._meta.db_table for model in (Issue, IssueTimeline, IssueImage, OfficialResponse, Upvote)]
    tables += [model._meta.db_table for model in (Bookmark, Comment, Notification, Profile, User)]
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM (FULL) {connection.ops.quote_name(Issue._meta.db_table)}")
        for table in tables:
            cursor.execute(f"VACUUM (ANALYZE) {connection.ops.quote_name(table)}")
