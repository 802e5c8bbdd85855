"""The seed_demo framework: products contribute a `demo.py` with `seed(context)`; core runs and reports them."""

import functools
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

from core.accounts.services import mark_verified

DEMO_PASSWORD = "DemoPass123!"


@functools.cache
def password_hash(password: str) -> str:
    """One hash per demo password and process: hashing is deliberately slow (about 0.4 s each)."""
    return make_password(password)


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
            user = User(realm=self.realm, email=email, role=role, username=username, name=name, **fields)
            user.password = password_hash(password)
            user.save()
            mark_verified(user)
        self.logins.append(DemoLogin(role=role, email=email, password=password, username=username))
        return user
