"""drf-spectacular extensions: the realm JWT authentication (and every product subclass) as a Bearer scheme."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension


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
