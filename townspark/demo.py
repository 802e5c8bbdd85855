"""Demo data for TownSpark: three demo logins and a year of a realistic neighbourhood, bulk-created and idempotent."""

import random
import uuid
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from core.demo import DEMO_PASSWORD
from townspark.models import (
    Bookmark,
    Category,
    Comment,
    Issue,
    IssueTimeline,
    Notification,
    OfficialResponse,
    Profile,
    ResolverProfile,
    Upvote,
    VerificationStatus,
)
from townspark.services.badges import badges_award
from townspark.services.issues import issue_id_for, issue_numbers_allocate

User = get_user_model()
REALM = "townspark"
ISSUES_AT_SCALE_1 = 400
RESIDENTS = 40

# Area name -> centre (lat, lng), around a mid-sized town.
AREAS = {
    "Ward A": (40.7128, -74.0060),
    "Ward B": (40.7201, -73.9962),
    "Ward C": (40.7059, -74.0132),
    "Oakwood District": (40.7302, -74.0021),
    "Riverside": (40.7012, -73.9901),
    "Hillcrest": (40.7355, -73.9875),
    "Old Town": (40.7160, -74.0185),
}
STREETS = ["Main Street", "Elm Avenue", "Park Road", "River Lane", "Oak Street", "Market Square", "Station Road"]
PROBLEMS = {
    "road": ["Large pothole", "Cracked pavement", "Sunken manhole cover", "Damaged speed bump"],
    "garbage": ["Overflowing bins", "Illegal dumping", "Missed collection", "Litter around bus stop"],
    "sewage": ["Blocked drain", "Sewage smell", "Flooded gutter", "Open manhole"],
    "electricity": ["Exposed wiring", "Frequent power cuts", "Sparking junction box"],
    "streetlight": ["Street light out", "Flickering street light", "Lamp post leaning"],
    "water": ["Burst water main", "Low water pressure", "Discoloured tap water"],
    "traffic": ["Broken traffic signal", "Missing stop sign", "Faded crossing markings"],
    "graffiti": ["Graffiti on wall", "Vandalised bench", "Smashed bus shelter"],
    "parks": ["Broken swing", "Overgrown hedges", "Fallen tree branch"],
    "other": ["Stray dogs", "Noise at night", "Abandoned car"],
}
COMMENTS = [
    "This has been like this for weeks.",
    "Thanks for reporting, I pass here every day.",
    "Same problem on the next street too.",
    "Any update on this?",
    "Nearly tripped here yesterday evening.",
    "Great to see this being looked at!",
    "Kids walk past here on the way to school, please fix soon.",
    "Reported this last year as well.",
]
REPLIES = ["Agreed!", "Me too.", "Thanks for the update.", "I noticed the same.", "Hope it gets fixed soon."]
FIRST_NAMES = ["Alex", "Priya", "Sam", "Maria", "Chen", "Fatima", "Liam", "Noah", "Ava", "Omar", "Grace", "Diego"]
LAST_NAMES = ["Chen", "Patel", "Garcia", "Smith", "Okafor", "Nguyen", "Kowalski", "Haddad", "Brown", "Silva"]
RESOLVER_STAFF = [
    ("resolver@townspark.demo", "Demo Resolver", "public-works", "Ward A, Ward B, Oakwood District"),
    ("sanitation.officer@townspark.demo", "Sarah Johnson", "sanitation", "Ward A, Ward C, Riverside"),
    ("utilities.officer@townspark.demo", "Marcus Lee", "utilities", "Hillcrest, Old Town, Ward B"),
    ("traffic.officer@townspark.demo", "Nadia Rahman", "traffic", ""),
    ("parks.officer@townspark.demo", "Tom Becker", "parks", ""),
]


def seed(context) -> None:
    admin = context.account(email="admin@townspark.demo", role="admin", name="Demo Admin", username="demo_admin")
    resolver = context.account(
        email="resolver@townspark.demo", role="resolver", name="Demo Resolver", username="demo_resolver"
    )
    citizen = context.account(
        email="citizen@townspark.demo", role="citizen", name="Demo Citizen", username="demo_citizen"
    )
    for user, ward in ((admin, "Ward A"), (resolver, "Ward A"), (citizen, "Ward A")):
        Profile.objects.get_or_create(user=user, defaults={"ward": ward, "location": "TownSpark", "bio": ""})
    if Issue.objects.filter(reporter=citizen).exists():
        return  # the neighbourhood is already there
    rng = random.Random(20240115)  # noqa: S311 - demo data, not security
    staff = _resolvers(admin)
    residents = [citizen, *_residents(rng)]
    _neighbourhood(rng, residents=residents, staff=staff, admin=admin, scale=context.scale or 1)
    for user in residents[:12]:
        badges_award(user=user)


def _resolvers(admin) -> dict:
    """The demo resolver plus four colleagues, verified, keyed by department."""
    password = make_password(DEMO_PASSWORD)
    staff = {}
    for email, name, department, wards in RESOLVER_STAFF:
        user = User.objects.filter(realm=REALM, email=email).first()
        if user is None:
            user = User.objects.create(email=email, realm=REALM, role="resolver", name=name, password=password)
        ResolverProfile.objects.update_or_create(
            user=user,
            defaults={
                "department_id": department,
                "designation": "Field Officer",
                "employee_id": f"EMP-{department.upper()}-{user.email.split('@')[0].split('.')[0][:6].upper()}",
                "jurisdiction": wards,
                "verification_status": VerificationStatus.VERIFIED,
                "verified_at": timezone.now() - timedelta(days=300),
                "verified_by": admin,
            },
        )
        Profile.objects.get_or_create(user=user)
        staff[department] = user
    pending = User.objects.filter(realm=REALM, email="new.officer@townspark.demo").first()
    if pending is None:
        pending = User.objects.create(
            email="new.officer@townspark.demo", realm=REALM, role="resolver", name="Jordan Pending", password=password
        )
        ResolverProfile.objects.create(
            user=pending, department_id="housing", designation="Inspector", employee_id="EMP-HOUSING-NEW"
        )
        Profile.objects.create(user=pending)
    return staff


def _residents(rng) -> list:
    now = timezone.now()
    password = make_password(DEMO_PASSWORD)
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


def _status_for_age(rng, days_old: float) -> str:
    """Older issues are more likely to be resolved."""
    roll = rng.random()
    if days_old > 60:
        return "resolved" if roll < 0.8 else rng.choice(["acknowledged", "in-progress", "reported"])
    if days_old > 14:
        return ["resolved", "in-progress", "acknowledged", "reported"][min(3, int(roll * 4))]
    return "reported" if roll < 0.55 else rng.choice(["acknowledged", "in-progress", "resolved"])


def _neighbourhood(rng, *, residents, staff, admin, scale: float) -> None:
    now = timezone.now()
    categories = {category.id: category for category in Category.objects.all()}
    count = max(1, int(ISSUES_AT_SCALE_1 * scale))
    numbers = issue_numbers_allocate(count=count)
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
        status = _status_for_age(rng, days_old)
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
