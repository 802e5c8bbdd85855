"""OpenAPI extensions the GatherHub schema needs from drf-spectacular.

The Bearer scheme of the core's RealmJWTAuthentication belongs in the core; it is
declared here at a low priority until the core declares its own, which then wins.
"""

from drf_spectacular.contrib.rest_framework_simplejwt import SimpleJWTScheme


class RealmJWTScheme(SimpleJWTScheme):
    target_class = "core.accounts.authentication.RealmJWTAuthentication"
    name = "jwtAuth"
    priority = -1
