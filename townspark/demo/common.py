"""What both demo data sets share: the demo's vocabulary, the resolver staff, issue ages and statuses."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from core.demo import DEMO_PASSWORD, password_hash
from townspark.models import Profile, ResolverProfile, VerificationStatus

User = get_user_model()
REALM = "townspark"
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


def resolvers_seed(admin) -> dict:
    """The demo resolver plus four colleagues, verified, keyed by department."""
    password = password_hash(DEMO_PASSWORD)
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


def status_for_age(rng, days_old: float) -> str:
    """Older issues are more likely to be resolved."""
    roll = rng.random()
    if days_old > 60:
        return "resolved" if roll < 0.8 else rng.choice(["acknowledged", "in-progress", "reported"])
    if days_old > 14:
        return ["resolved", "in-progress", "acknowledged", "reported"][min(3, int(roll * 4))]
    return "reported" if roll < 0.55 else rng.choice(["acknowledged", "in-progress", "resolved"])
