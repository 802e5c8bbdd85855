"""The one failure that makes a bench run exit non-zero: the harness itself broke (not a slow endpoint)."""


class HarnessError(Exception):
    """The server, a service, the database set-up or the load generator failed; the message says which."""
