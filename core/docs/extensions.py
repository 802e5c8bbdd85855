"""drf-spectacular extensions: the realm JWT as a Bearer scheme, account ids in each product's id style."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension, OpenApiSerializerFieldExtension

from core.ids import IdStyle
from core.products.registry import id_style_of


class RealmJWTScheme(OpenApiAuthenticationExtension):
    target_class = "core.accounts.authentication.RealmJWTAuthentication"
    match_subclasses = True
    name = "jwtAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "bearerFormat": "JWT",
            "description": "Access token from this product's login; tokens of other products are refused (401).",
        }


def _field_id_style(auto_schema, field) -> IdStyle:
    """The style of the product whose schema is being generated (or the field's own realm)."""
    if field.realm is not None:
        return id_style_of(field.realm)
    product = auto_schema._product() if hasattr(auto_schema, "_product") else None
    return product.id_style if product is not None else IdStyle.INTEGER


class AccountIdFieldScheme(OpenApiSerializerFieldExtension):
    """Account ids documented as integers or UUID strings, as the product writes them."""

    target_class = "core.api.fields.AccountIdField"
    match_subclasses = True

    def map_serializer_field(self, auto_schema, direction):
        return _field_id_style(auto_schema, self.target).schema()


class AccountFieldScheme(AccountIdFieldScheme):
    target_class = "core.api.fields.AccountField"


class AmountFieldScheme(OpenApiSerializerFieldExtension):
    """Money amounts: a decimal string in responses; a number or a decimal string in requests."""

    target_class = "core.payments.money.AmountField"
    match_subclasses = True

    def map_serializer_field(self, auto_schema, direction):
        if direction == "response":
            return {"type": "string", "format": "decimal", "pattern": r"^\d+(\.\d+)?$", "example": "150.00"}
        # OpenAPI 3.0: exclusiveMinimum is a flag on minimum.
        number = {"type": "number", "minimum": 0, "exclusiveMinimum": True, "maximum": 999999.99}
        return {"oneOf": [number, {"type": "string", "format": "decimal", "pattern": r"^\d{1,6}(\.\d{1,2})?$"}]}


class TimeFieldScheme(OpenApiSerializerFieldExtension):
    """Times of day as the specs write them ("09:00:00"): JSON Schema's `time` format demands a UTC offset."""

    target_class = "rest_framework.fields.TimeField"
    match_subclasses = True

    def map_serializer_field(self, auto_schema, direction):
        return {"type": "string", "pattern": r"^\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?$", "example": "09:00:00"}
