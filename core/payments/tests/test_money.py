"""Money in minor units: exact conversion both ways and strict parsing of client amounts."""

from decimal import Decimal

import pytest
from rest_framework import serializers

from core.payments.money import MAX_MINOR_UNITS, AmountField, format_amount, from_minor_units, to_minor_units


class Charge(serializers.Serializer):
    amount = AmountField(currency="usd")


class YenCharge(serializers.Serializer):
    amount = AmountField(currency="JPY")


@pytest.mark.parametrize(
    "amount, currency, minor",
    [(Decimal("150.00"), "usd", 15000), (Decimal("0.5"), "eur", 50), (Decimal("500"), "jpy", 500)],
)
def test_minor_units_both_ways(amount, currency, minor):
    assert to_minor_units(amount, currency) == minor
    assert from_minor_units(minor, currency) == amount


def test_amounts_show_as_the_specs_write_them():
    assert format_amount(15000, "usd") == "150.00"
    assert format_amount(5, "usd") == "0.05"
    assert format_amount(500, "jpy") == "500"


def test_more_places_than_the_currency_has_is_refused_not_rounded():
    with pytest.raises(ValueError):
        to_minor_units(Decimal("1.005"), "usd")
    with pytest.raises(ValueError):
        to_minor_units(Decimal("1.5"), "jpy")


@pytest.mark.parametrize("data, minor", [("150.00", 15000), (150, 15000), (19.99, 1999), ("0.01", 1), (" 7.5 ", 750)])
def test_accepted_amounts(data, minor):
    serializer = Charge(data={"amount": data})
    assert serializer.is_valid(), serializer.errors
    assert serializer.validated_data["amount"] == minor
    assert Charge({"amount": minor}).data == {"amount": format_amount(minor, "usd")}


@pytest.mark.parametrize(
    "data, message",
    [
        ("-5.00", "greater than zero"),
        (0, "greater than zero"),
        ("0.00", "greater than zero"),
        ("1.005", "At most 2 decimal places"),
        ("1e6", "at most 999999.99"),
        ("1000000.00", "at most 999999.99"),
        ("NaN", "Give the amount"),
        ("Infinity", "Give the amount"),
        ("12,50", "Give the amount"),
        ("", "Give the amount"),
        (True, "Give the amount"),
        (None, "may not be null"),
        ([1], "Give the amount"),
        ("9" * 40, "Give the amount"),
    ],
)
def test_refused_amounts(data, message):
    serializer = Charge(data={"amount": data})
    assert not serializer.is_valid()
    assert message in str(serializer.errors["amount"][0])


def test_zero_decimal_currencies():
    assert YenCharge(data={"amount": "500"}).is_valid()
    serializer = YenCharge(data={"amount": "500.5"})
    assert not serializer.is_valid() and "At most 0 decimal places" in str(serializer.errors["amount"][0])
    assert not YenCharge(data={"amount": MAX_MINOR_UNITS + 1}).is_valid()
