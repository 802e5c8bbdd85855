"""Payment reads: the caller's ledger and their payout account."""

from django.db.models import QuerySet

from parking.models import PayoutAccount, Transaction


def transaction_list(*, user) -> QuerySet[Transaction]:
    """The caller's money movements, newest first: charges and refunds as guest, payouts as host."""
    return Transaction.objects.filter(user=user).order_by("-created_at", "-id")


def payout_account_get(*, user) -> PayoutAccount:
    """The host's payout account, or an unsaved empty one (no account yet, all flags false)."""
    return PayoutAccount.objects.filter(user=user).first() or PayoutAccount(user=user)
