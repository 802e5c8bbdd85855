"""core.api.serializers.ModelSerializer: fields built from the model once per class, a fresh copy per instance."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from rest_framework import serializers

from core.api.serializers import ModelSerializer

User = get_user_model()


class Account(ModelSerializer):
    initials = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = ["username", "email", "is_active", "date_joined", "initials"]
        read_only_fields = ["date_joined"]
        extra_kwargs = {"email": {"required": True}}

    def get_initials(self, user):
        return user.username[:2].upper()


class PlainAccount(serializers.ModelSerializer):
    initials = serializers.SerializerMethodField()

    Meta = Account.Meta
    get_initials = Account.get_initials


class ShortAccount(Account):
    class Meta(Account.Meta):
        fields = ["username", "initials"]


def account():
    return User(username="ada", email="ada@example.com", date_joined=datetime.datetime(2026, 1, 2, tzinfo=datetime.UTC))


@pytest.fixture
def drf_builds(monkeypatch):
    """How many times DRF's ModelSerializer.get_fields runs, per serializer class."""
    calls = []
    build = serializers.ModelSerializer.get_fields
    monkeypatch.setattr(serializers.ModelSerializer, "get_fields", lambda self: calls.append(type(self)) or build(self))
    for cls in (Account, ShortAccount):
        if "_built_fields" in cls.__dict__:  # built by an earlier test
            delattr(cls, "_built_fields")
    return calls


def test_the_model_is_read_once_per_class_and_each_instance_gets_its_own_bound_fields(drf_builds):
    first, second = Account(account()), Account(account())
    assert first.data == second.data
    assert drf_builds == [Account]
    assert first.fields["email"] is not second.fields["email"]
    assert first.fields["email"].parent is first and second.fields["email"].parent is second


def test_output_validation_and_field_options_match_drf(drf_builds):
    Account(account()).data  # noqa: B018 (builds the class's fields)
    ours, drf = Account(account()), PlainAccount(account())
    assert ours.data == drf.data == {
        "username": "ada",
        "email": "ada@example.com",
        "is_active": True,
        "date_joined": "2026-01-02T00:00:00Z",
        "initials": "AD",
    }
    assert ours.fields["date_joined"].read_only and ours.fields["email"].required
    bad = {"username": "", "email": "not-an-address"}
    ours, drf = Account(data=bad), PlainAccount(data=bad)
    assert not ours.is_valid() and not drf.is_valid()
    assert ours.errors == drf.errors


def test_a_subclass_builds_its_own_fields_and_an_instance_may_change_its_copy(drf_builds):
    assert list(ShortAccount(account()).data) == ["username", "initials"]
    assert list(Account(account()).data) == ["username", "email", "is_active", "date_joined", "initials"]
    changed = Account(account())
    changed.fields.pop("email")
    assert "email" not in changed.data
    assert "email" in Account(account()).data
    assert drf_builds == [ShortAccount, Account]
