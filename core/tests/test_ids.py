"""Account ids in each product's style: integers (GatherHub, A-List, Parking) or UUIDs (TownSpark, Ressourcefy)."""

import uuid

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from rest_framework import serializers
from rest_framework_simplejwt.tokens import AccessToken

from core.accounts.tokens import token_pair_for_user
from core.api.fields import AccountField, AccountIdField
from core.docs.schema import build_product_schema
from core.ids import MAX_INTEGER_ID, IdStyle
from core.products.registry import enabled_products, get_product

User = get_user_model()

STYLES = {
    "townspark": IdStyle.UUID,
    "ressourcefy": IdStyle.UUID,
    "gatherhub": IdStyle.INTEGER,
    "alistpros": IdStyle.INTEGER,
    "parking": IdStyle.INTEGER,
}


def test_each_product_declares_the_style_its_document_writes():
    assert {key: product.id_style for key, product in enabled_products().items()} == {
        key: STYLES[key] for key in enabled_products()
    }


class TestParse:
    @pytest.mark.parametrize("value, expected", [(1, 1), ("42", 42), (MAX_INTEGER_ID, MAX_INTEGER_ID)])
    def test_integers(self, value, expected):
        assert IdStyle.INTEGER.parse(value) == expected

    @pytest.mark.parametrize(
        "value", [0, -1, MAX_INTEGER_ID + 1, True, 1.0, None, "", "1.5", "abc", [1], str(uuid.uuid4()), "１"]
    )
    def test_what_is_not_an_integer_id(self, value):
        with pytest.raises(ValueError):
            IdStyle.INTEGER.parse(value)

    def test_uuids(self):
        value = uuid.uuid4()
        assert IdStyle.UUID.parse(str(value)) == value and IdStyle.UUID.parse(value) == value

    @pytest.mark.parametrize("value", [1, None, "1", "not-a-uuid", True, {"id": 1}])
    def test_what_is_not_a_uuid(self, value):
        with pytest.raises(ValueError):
            IdStyle.UUID.parse(value)


@pytest.mark.django_db
class TestAccounts:
    @pytest.mark.parametrize("realm", list(STYLES))
    def test_public_id_and_lookup_in_the_realm_style(self, make_account, realm):
        if get_product(realm) is None:
            pytest.skip(f"{realm} is not enabled")
        user = make_account(realm)
        expected = user.uuid if STYLES[realm] is IdStyle.UUID else user.pk
        assert user.public_id == expected
        assert User.objects.by_public_id(realm, str(expected)).get() == user
        # The other style's id names nobody, and a malformed one is no error: just nobody.
        other = user.pk if STYLES[realm] is IdStyle.UUID else user.uuid
        assert not User.objects.by_public_id(realm, other).exists()
        assert not User.objects.by_public_id(realm, "garbage").exists()

    def test_ids_of_one_realm_name_nobody_in_another(self, make_account):
        user = make_account("gatherhub")
        assert not User.objects.by_public_id("alistpros", user.pk).exists()

    @pytest.mark.parametrize("realm", ["townspark", "gatherhub"])
    def test_tokens_name_the_account_by_its_public_id(self, make_account, client_for, realm):
        user = make_account(realm)
        token = AccessToken(token_pair_for_user(user).access)
        # As the API writes the id: a number for integer products, a string for UUID ones.
        assert token["user_id"] == (str(user.uuid) if realm == "townspark" else user.pk)
        assert client_for(user).get(f"/{realm}/api/v1/__no_such_path__/").status_code == 404  # authenticated fine

    def test_fields_render_the_realm_style(self, make_account):
        class Shape(serializers.Serializer):
            id = AccountIdField()
            friend = AccountField(read_only=True, source="*")

        townspark, gatherhub = make_account("townspark"), make_account("gatherhub")
        assert Shape(townspark).data == {"id": str(townspark.uuid), "friend": str(townspark.uuid)}
        assert Shape(gatherhub).data == {"id": gatherhub.pk, "friend": gatherhub.pk}

    def test_an_account_field_that_cannot_know_its_product_says_so(self, make_account):
        class Body(serializers.Serializer):
            friend = AccountField()

        with pytest.raises(ImproperlyConfigured):
            Body(data={"friend": 1}).is_valid()


@pytest.mark.django_db
def test_schemas_document_account_ids_in_the_product_style():
    schemas = {
        key: build_product_schema(get_product(key))["components"]["schemas"]
        for key in ("townspark", "gatherhub")
        if get_product(key) is not None
    }
    if "gatherhub" in schemas:
        assert schemas["gatherhub"]["UserRef"]["properties"]["id"]["type"] == "integer"
        task_assign = schemas["gatherhub"]["TaskAssignRequest"]
        assert task_assign["properties"]["assignee"]["type"] == "integer"
        assert "nullable" not in task_assign["properties"]["assignee"] and "assignee" in task_assign["required"]
    if "townspark" in schemas:
        assert schemas["townspark"]["UserMinimal"]["properties"]["id"] == {
            "type": "string",
            "format": "uuid",
            "readOnly": True,
        }
        assert schemas["townspark"]["AssignRequest"]["properties"]["resolver_id"]["format"] == "uuid"
