"""The bench server's application: the floor's routes under /bench-floor/, everything else to config.asgi.

One application, so the floor and the stack are served by the same gunicorn/uvicorn workers in
the same run, and one CPU meter (the server's process group) covers both.
"""

from bench.floor import PREFIX
from bench.floor.app import application as floor_application
from config.asgi import application as stack_application


async def application(scope, receive, send):
    if scope["type"] == "http" and scope["path"].startswith(PREFIX + "/"):
        await floor_application(scope, receive, send)
    elif scope["type"] == "lifespan":
        await floor_application(scope, receive, send)  # Django's router has no lifespan: the floor's pool does
    else:
        await stack_application(scope, receive, send)
