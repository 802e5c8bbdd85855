"""Settings for the test suite: fast hashing, in-memory e-mail, eager Celery unless a test opts out."""

from core.broker import broker_transport
from core.media_settings import LOCAL_STORAGES

from .base import *  # noqa: F403
from .base import env

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_TASK_ALWAYS_EAGER = True
CELERY_BROKER_URL = "memory://"
CELERY_BROKER_TRANSPORT = broker_transport(CELERY_BROKER_URL)
CELERY_RESULT_BACKEND = "cache+memory://"
MEDIA_ROOT = env.path("TEST_MEDIA_ROOT", default="/tmp/multiproduct-test-media")  # noqa: S108
PRIVATE_MEDIA_ROOT = env.path("TEST_PRIVATE_MEDIA_ROOT", default="/tmp/multiproduct-test-private-media")  # noqa: S108
# Local files whatever the environment says; the S3 tests switch to the local S3 server (core/testing/s3.py).
STORAGES = {
    **LOCAL_STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
ROOT_URLCONF = "tests.urls"
# Tests log in far more often than a person; the throttle's own test sets a rate.
AUTH_RATE_LIMIT = "off"
