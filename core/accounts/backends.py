"""Password authentication scoped to the realm of the product the request came to."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from core.models import PLATFORM_REALM
from core.products.registry import request_product


def realm_of(request) -> str:
    """The account realm a request authenticates in: its product, or the platform (admin)."""
    product = request_product(request) if request is not None else None
    return product.key if product else PLATFORM_REALM


class RealmBackend(ModelBackend):
    """Looks accounts up by realm + e-mail (or username), never across realms.

    `realm` may be passed explicitly (management commands); otherwise it is the
    request's product, and the platform realm for the Django admin.
    """

    def authenticate(self, request, username=None, password=None, *, email=None, realm=None, **kwargs):
        login = email or username or kwargs.get(get_user_model().USERNAME_FIELD)
        if not login or password is None:
            return None
        realm = realm if realm is not None else realm_of(request)
        User = get_user_model()
        try:
            user = User.objects.get_by_login(realm, login)
        except (User.DoesNotExist, User.MultipleObjectsReturned):
            # Run the hasher anyway so that timing does not reveal which logins exist.
            User().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
