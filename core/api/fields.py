"""Serializer fields for account ids, written and read in the id style of the request's product (core.ids)."""

from uuid import UUID

from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from rest_framework import serializers
from rest_framework.relations import PKOnlyObject

from core.ids import MAX_INTEGER_ID, IdStyle
from core.products.registry import id_style_of, request_product


def _wire(value):
    """UUIDs travel as strings, integers as numbers."""
    return str(value) if isinstance(value, UUID) else value


def _is_whole_number(data) -> bool:
    if isinstance(data, bool):
        return False
    return isinstance(data, int) or (isinstance(data, str) and data.strip().isascii() and data.strip().isdigit())


class _RealmAware:
    """The realm a field serves: given explicitly, or the product of the request in the serializer context."""

    realm: str | None = None

    def field_realm(self) -> str | None:
        """None when neither is known (a serializer used without its request)."""
        if self.realm is not None:
            return self.realm
        request = self.context.get("request")
        product = request_product(request) if request is not None else None
        return product.key if product is not None else None

    def id_style(self) -> IdStyle | None:
        realm = self.field_realm()
        return id_style_of(realm) if realm is not None else None


class AccountIdField(_RealmAware, serializers.ReadOnlyField):
    """An account's own id (`user.public_id`): the integer key or the UUID, as its product writes ids."""

    def __init__(self, *, realm: str | None = None, **kwargs):
        kwargs.setdefault("source", "public_id")
        self.realm = realm
        super().__init__(**kwargs)

    def to_representation(self, value):
        return _wire(value)


class AccountField(_RealmAware, serializers.RelatedField):
    """A reference to an account of the request's realm: its public id in, the account out, its public id shown.

    Anything that is not an id in the product's style (a UUID for an integer
    product, a number out of range, a boolean, an object) is a validation error
    on the field, never a silent None.
    """

    default_error_messages = {
        "required": "This field is required.",
        "does_not_exist": 'Invalid pk "{pk_value}" - object does not exist.',
        "incorrect_type": "Incorrect type. Expected {style} id, received {data_type}.",
        "invalid_uuid": "Must be a valid UUID.",
    }

    def __init__(self, *, realm: str | None = None, **kwargs):
        self.realm = realm
        if not kwargs.get("read_only"):
            kwargs.setdefault("queryset", get_user_model().objects.all())
        super().__init__(**kwargs)

    def get_queryset(self):
        realm = self.field_realm()
        if realm is None:
            raise ImproperlyConfigured(
                f"{type(self).__name__} {self.field_name!r} reads account ids without knowing their product: "
                "give the serializer its request in the context, or the field a realm."
            )
        return super().get_queryset().filter(realm=realm)

    def use_pk_only_optimization(self):
        # An integer public id is the foreign key itself: no join needed to show it.
        return self.id_style() is IdStyle.INTEGER

    def to_internal_value(self, data):
        queryset = self.get_queryset()
        style = self.id_style()
        try:
            public_id = style.parse(data)
        except ValueError:
            if style is IdStyle.UUID and isinstance(data, str):
                self.fail("invalid_uuid")
            if _is_whole_number(data):
                self.fail("does_not_exist", pk_value=data)  # out of the database's range: no such account
            self.fail("incorrect_type", style=style.value, data_type=type(data).__name__)
        account = queryset.filter(**{style.user_field: public_id}).first()
        if account is None:
            self.fail("does_not_exist", pk_value=data)
        return account

    def to_representation(self, value):
        if isinstance(value, PKOnlyObject):
            return value.pk
        return _wire(value.public_id)


class BoundedPrimaryKeyField(serializers.PrimaryKeyRelatedField):
    """A related object's integer id, refused as not found when it cannot fit a database integer.

    A number past the database's range would otherwise reach the driver and fail there.
    """

    def to_internal_value(self, data):
        return super().to_internal_value(self.number(data))

    def number(self, data) -> int:
        if isinstance(data, bool) or not isinstance(data, int | str):
            self.fail("incorrect_type", data_type=type(data).__name__)
        try:
            number = int(data)
        except ValueError:
            self.fail("incorrect_type", data_type=type(data).__name__)
        if not 1 <= number <= MAX_INTEGER_ID:
            self.fail("does_not_exist", pk_value=data)
        return number


class UnloadedPrimaryKeyField(BoundedPrimaryKeyField):
    """A related object's id with BoundedPrimaryKeyField's checks but not its query: for a write whose service
    loads (and locks) the row itself, one query instead of two. The service answers an id without a row
    with `missing_related(field_name, id)`, the very 400 this field would have given."""

    def to_internal_value(self, data) -> int:
        return self.number(data)


def missing_related(field: str, pk) -> serializers.ValidationError:
    """What a PrimaryKeyRelatedField answers for an id without a row, for services that load rows by id."""
    message = serializers.PrimaryKeyRelatedField.default_error_messages["does_not_exist"].format(pk_value=pk)
    return serializers.ValidationError({field: [message]})
