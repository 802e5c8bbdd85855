"""The seed_demo framework: products contribute a `demo.py` with `seed(context)`; core runs and reports them."""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model

from core.accounts.services import mark_verified

DEMO_PASSWORD = "DemoPass123!"


@dataclass
class DemoLogin:
    role: str
    email: str
    password: str = DEMO_PASSWORD
    username: str = ""


@dataclass
class SeedContext:
    """What a product's `seed()` receives: its realm, a scale factor, and where to record demo logins."""

    realm: str
    scale: float | None = None
    logins: list[DemoLogin] = field(default_factory=list)

    def account(
        self, *, email: str, role: str, username: str = "", name: str = "", password: str = DEMO_PASSWORD, **fields
    ):
        """Get or create a verified demo account (idempotent) and record its login."""
        User = get_user_model()
        user = User.objects.filter(realm=self.realm, email=email).first()
        if user is None:
            user = User.objects.create_user(
                email, password, realm=self.realm, role=role, username=username, name=name, **fields
            )
            mark_verified(user)
        self.logins.append(DemoLogin(role=role, email=email, password=password, username=username))
        return user
