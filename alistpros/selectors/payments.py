"""Payment reads: the caller's Connect account and the payments each role may see."""

from django.db.models import QuerySet

from alistpros.models import ConnectAccount, Payment
from alistpros.models.pros import PRO_ROLES
from alistpros.product import PRODUCT


def connect_account_of(*, user) -> ConnectAccount | None:
    return ConnectAccount.objects.filter(user=user).first()


def payments_visible_to(*, user) -> QuerySet[Payment]:
    """An admin sees every payment, a pro what they were paid, a client what they paid; newest first."""
    payments = Payment.objects.select_related("client", "alistpro")
    if user.role in PRODUCT.admin_roles:
        return payments
    if user.role in PRO_ROLES:
        return payments.filter(alistpro__user=user)
    return payments.filter(client=user)
