"""WSGI entry point (HTTP only; the ASGI app in config.asgi also serves WebSockets)."""

import os

from django.core.wsgi import get_wsgi_application

from core.slashes import MergeSlashesWSGIMiddleware

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
# Repeated slashes in the path are merged before Django routes, as nginx does by default.
application = MergeSlashesWSGIMiddleware(get_wsgi_application())
