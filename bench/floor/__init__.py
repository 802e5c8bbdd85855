"""The raw-SQL floor: bare ASGI handlers running an endpoint's SQL through psycopg's pool, answering with orjson."""

# Paths under this prefix go to the floor; the rest of the path is the endpoint's own path.
PREFIX = "/bench-floor"
