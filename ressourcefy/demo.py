"""Demo data for ressourcefy: one activated, onboarded account per role; the other areas add their data."""

from ressourcefy.models import OnboardingStep, Profile

ACCOUNTS = (
    ("admin@ressourcefy.demo", "SUPERADMIN", "Demo Admin", "admin_demo", "Runs the demo library."),
    ("moderator@ressourcefy.demo", "MODERATOR", "Demo Moderator", "moderator_demo", "Keeps comments civil."),
    ("author@ressourcefy.demo", "CONTRIBUTOR", "Demo Author", "author_demo", "Writes Django guides."),
    ("reader@ressourcefy.demo", "USER", "Demo Reader", "reader_demo", "Reads everything."),
)


def seed(context) -> None:
    for email, role, name, username, bio in ACCOUNTS:
        user = context.account(email=email, role=role, name=name, username=username)
        Profile.objects.update_or_create(user=user, defaults={"onboarding_step": OnboardingStep.COMPLETED, "bio": bio})
