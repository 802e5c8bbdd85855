"""ASGI entry point: Django for HTTP (core.asgi's handler), the product websocket router for WebSockets."""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

from core.asgi import get_asgi_application  # noqa: E402

# Sets Django up; must run before anything importing models is imported.
django_asgi_app = get_asgi_application()

from channels.routing import ProtocolTypeRouter  # noqa: E402

from core.realtime.routing import ProductWebsocketRouter  # noqa: E402

# No AllowedHostsOriginValidator: it compares the Origin with ALLOWED_HOSTS, the
# API's own host names, and would refuse the products' frontends served from
# other origins. Origin checks defend cookie-authenticated sockets against
# cross-site hijacking; these sockets authenticate only by the `?token=` access
# token, which a foreign page cannot obtain, and never read cookies.
application = ProtocolTypeRouter(
    {
        "http": django_asgi_app,
        "websocket": ProductWebsocketRouter(),
    }
)
