"""Money as Stripe counts it: integer minor units with a currency, parsed strictly and shown as each spec does."""

from decimal import Decimal, InvalidOperation

from rest_framework import serializers

# Currencies without minor units (Stripe's list): 500 JPY is sent to Stripe as 500.
ZERO_DECIMAL_CURRENCIES = frozenset(
    ("bif", "clp", "djf", "gnf", "jpy", "kmf", "krw", "mga", "pyg", "rwf", "ugx", "vnd", "vuv", "xaf", "xof", "xpf")
)
# Stripe's largest amount, 99,999,999 minor units ($999,999.99): anything above is refused, not sent.
MAX_MINOR_UNITS = 99_999_999


def minor_unit_places(currency: str) -> int:
    return 0 if currency.lower() in ZERO_DECIMAL_CURRENCIES else 2


def to_minor_units(amount: Decimal, currency: str) -> int:
    """Decimal("150.00") USD -> 15000; ValueError when `amount` has more places than the currency."""
    exponent = Decimal(1).scaleb(-minor_unit_places(currency))
    try:
        exact = amount.quantize(exponent)
    except InvalidOperation as exc:  # too many digits for the context
        raise ValueError(f"{amount} cannot be an amount of {currency.upper()}.") from exc
    if exact != amount:
        raise ValueError(f"More decimal places than {currency.upper()} has.")
    return int(exact.scaleb(minor_unit_places(currency)))


def from_minor_units(minor: int, currency: str) -> Decimal:
    """15000 USD -> Decimal("150.00")."""
    places = minor_unit_places(currency)
    return Decimal(minor).scaleb(-places).quantize(Decimal(1).scaleb(-places))


def format_amount(minor: int, currency: str) -> str:
    """15000 USD -> "150.00", as the specs write amounts."""
    return str(from_minor_units(minor, currency))


class AmountField(serializers.Field):
    """A positive amount of `currency` in, as a number or a decimal string; integer minor units out of validation.

    Shown as a decimal string ("150.00"). Negative, zero, over-precise ("1.005"), non-finite and
    absurd amounts (over Stripe's maximum) are refused with a 400 on the field.
    """

    default_error_messages = {
        "invalid": "Give the amount as a number, e.g. 150.00.",
        "not_positive": "The amount must be greater than zero.",
        "too_precise": "At most {places} decimal places.",
        "too_large": "The amount may be at most {maximum}.",
    }

    def __init__(self, *, currency: str, minimum_minor_units: int = 1, **kwargs):
        self.currency = currency.lower()
        self.minimum_minor_units = minimum_minor_units
        super().__init__(**kwargs)

    def to_internal_value(self, data) -> int:
        if isinstance(data, bool) or not isinstance(data, int | float | str) or len(str(data)) > 32:
            self.fail("invalid")
        try:
            amount = Decimal(str(data).strip())
        except InvalidOperation:
            self.fail("invalid")
        if not amount.is_finite():
            self.fail("invalid")
        if amount <= 0:
            self.fail("not_positive")
        if amount > from_minor_units(MAX_MINOR_UNITS, self.currency):
            self.fail("too_large", maximum=format_amount(MAX_MINOR_UNITS, self.currency))
        try:
            minor = to_minor_units(amount, self.currency)
        except ValueError:
            self.fail("too_precise", places=minor_unit_places(self.currency))
        if minor < self.minimum_minor_units:
            self.fail("not_positive")
        return minor

    def to_representation(self, value: int) -> str:
        return format_amount(value, self.currency)
