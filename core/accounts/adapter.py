"""The allauth adapter that keeps sign-up, uniqueness checks and account e-mails inside one realm."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from core.accounts.backends import realm_of
from core.mail import enqueue_email
from core.products.registry import get_product


def current_realm(request=None) -> str:
    return realm_of(request if request is not None else context.request)


def frontend_url(realm: str, path: str) -> str:
    """A link into the product's frontend (`FRONTEND_URLS`; http://localhost:3000 when none is configured)."""
    base = settings.FRONTEND_URLS.get(realm, "http://localhost:3000").rstrip("/")
    return f"{base}/{path.lstrip('/')}"


class RealmAccountAdapter(DefaultAccountAdapter):
    """allauth's hooks, made realm-aware: new users join the request's realm, uniqueness is per realm."""

    def is_open_for_signup(self, request):
        return get_product(current_realm(request)) is not None

    def new_user(self, request):
        user = super().new_user(request)
        user.realm = current_realm(request)
        product = get_product(user.realm)
        user.role = product.default_role if product else ""
        return user

    def populate_username(self, request, user):
        # Username is optional on the platform; allauth must not invent one.
        return None

    def clean_username(self, username, shallow=False):
        username = super().clean_username(username, shallow=True)
        if not shallow and self.username_taken(username):
            raise ValidationError(self.error_messages["username_taken"])
        return username

    def username_taken(self, username: str, realm: str | None = None) -> bool:
        realm = current_realm() if realm is None else realm
        return get_user_model().objects.filter(realm=realm, username__iexact=username).exists()

    def email_taken(self, email: str, realm: str | None = None) -> bool:
        realm = current_realm() if realm is None else realm
        return get_user_model().objects.filter(realm=realm, email__iexact=email).exists()

    def validate_unique_email(self, email):
        if self.email_taken(email):
            raise ValidationError(self.error_messages["email_taken"])
        return email

    def get_email_confirmation_url(self, request, emailconfirmation):
        realm = emailconfirmation.email_address.user.realm
        return frontend_url(realm, f"verify-email?key={emailconfirmation.key}")

    def confirm_email(self, request, email_address):
        confirmed = super().confirm_email(request, email_address)
        user = email_address.user
        if not user.is_verified:
            user.is_verified = True
            user.save(update_fields=["is_verified", "updated_at"])
        return confirmed

    def send_mail(self, template_prefix, email, context):
        message = self.render_mail(template_prefix, email, context)
        enqueue_email(
            subject=message.subject,
            body=message.body,
            to=list(message.to),
            html=next((content for content, kind in getattr(message, "alternatives", []) if kind == "text/html"), None),
        )
