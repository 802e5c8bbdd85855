"""Settings shared by every environment, read from the process environment."""

from datetime import timedelta
from decimal import Decimal, InvalidOperation
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

from core.broker import broker_transport
from core.media_settings import media_storages

BASE_DIR = Path(__file__).resolve().parent.parent.parent
env = environ.Env()
if (BASE_DIR / ".env").exists():
    environ.Env.read_env(str(BASE_DIR / ".env"))


def _percent(name: str, *, default: str) -> Decimal:
    """A percentage from 0 to 100, whole or decimal; a typo stops the start rather than charging a wrong fee."""
    try:
        value = Decimal(env.str(name, default=default).strip())
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite() or not 0 <= value <= 100:
        raise ImproperlyConfigured(f"{name} must be a number from 0 to 100, e.g. 10 or 7.5.")
    return value


# --- General ---------------------------------------------------------------
DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY", default="insecure-embedded-default-key-change-me-in-production")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]", "testserver"])
ENVIRONMENT = env("ENVIRONMENT", default="local")
APP_VERSION = env("APP_VERSION", default="1.0.0")
TIME_ZONE = "UTC"
LANGUAGE_CODE = "en-us"
USE_I18N = True
USE_TZ = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"
# Threads per server process serving HTTP requests, each in arrival order (core/asgi.py says why).
# Two let one request's Python run while another waits on the database; more only queue for the
# process's one GIL (issue #16: 2 instead of 4 served the issue page and the feed 10-20% faster,
# with no worse tails on the writes; bench/RESULTS.md). Scale with worker processes, one per core.
ASGI_HTTP_THREADS = env.int("ASGI_HTTP_THREADS", default=2)
SITE_ID = 1

# --- Products --------------------------------------------------------------
# Which products this deployment serves, and which host names serve one
# product on its documented, unprefixed paths (host=product,host=product).
ALL_PRODUCTS = ["townspark", "alistpros", "gatherhub", "parking", "ressourcefy"]
ENABLED_PRODUCTS = env.list("ENABLED_PRODUCTS", default=ALL_PRODUCTS)
PRODUCT_HOSTS = env.dict("PRODUCT_HOSTS", default={})
# Token lifetimes per product, e.g. JWT_LIFETIMES=townspark.access=30m,parking.refresh=14d
JWT_LIFETIMES = env.dict("JWT_LIFETIMES", default={})
# Where e-mailed links (verification, password reset) point, per product.
FRONTEND_URLS = env.dict("FRONTEND_URLS", default={})

# --- Applications ----------------------------------------------------------
DJANGO_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sites",
]
THIRD_PARTY_APPS = [
    "channels",
    "corsheaders",
    "rest_framework",
    "rest_framework_simplejwt.token_blacklist",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "allauth",
    "allauth.account",
    "allauth.socialaccount",  # dj-rest-auth's registration serializers import its models
    "dj_rest_auth",
    "dj_rest_auth.registration",
    "django_celery_beat",
    "auditlog",  # Ressourcefy's audit trail (issue #14)
]
LOCAL_APPS = ["core", "core.payments", *ENABLED_PRODUCTS]
INSTALLED_APPS = DJANGO_APPS + THIRD_PARTY_APPS + LOCAL_APPS

# --- Middleware ------------------------------------------------------------
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "core.products.middleware.ProductMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # The audit trail's request context (django-auditlog); the JWT actor is added by the view's authentication.
    "core.audit.AuditMiddleware",
    "core.messages.LazyMessageMiddleware",  # Django's, its storage made on first use (issue #16)
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]
# Benchmarks (`python -m bench`): an X-Query-Count header on the response to each request that
# sends one (any value). Off unless QUERY_COUNT_HEADER is set; first after SecurityMiddleware so
# every later query is counted.
QUERY_COUNT_HEADER = env.bool("QUERY_COUNT_HEADER", default=False)
if QUERY_COUNT_HEADER:
    MIDDLEWARE.insert(1, "core.api.query_count.QueryCountMiddleware")

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- Audit trail (django-auditlog) -------------------------------------------
# Products register their models in their AppConfig.ready(); the stock LogEntry (integer ids) is kept.
AUDITLOG_DISABLE_ON_RAW_SAVE = True  # fixtures and loaddata are not changes made by anyone

# --- Database --------------------------------------------------------------
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Django's backend, its date-times read by psycopg's C loader (core/db/postgresql/base.py).
    DATABASES["default"]["ENGINE"] = "core.db.postgresql"
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # A dead database host fails readiness probes fast instead of hanging on TCP.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", env.int("DB_CONNECT_TIMEOUT", 5))
    # Parameters sent apart from the SQL (not inlined by psycopg on the client), so a statement a
    # connection runs again and again is prepared once per connection, from its 5th execution:
    # PostgreSQL stops planning the hot reads on every request (bench/RESULTS.md, issue #16).
    # DB_PREPARE_THRESHOLD= (empty) turns preparing off, for a transaction-pooling proxy in front.
    DATABASES["default"]["OPTIONS"]["server_side_binding"] = env.bool("DB_SERVER_SIDE_BINDING", default=True)
    DATABASES["default"]["OPTIONS"]["prepare_threshold"] = env.int("DB_PREPARE_THRESHOLD", default=5) or None
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers run beside the one writer. The busy timeout only helps a transaction that
    # takes the write lock when it starts: a deferred one (SQLite's default) that read first and
    # then writes gets "database is locked" at once when another thread committed meanwhile,
    # since waiting could not save its stale snapshot. IMMEDIATE makes every atomic block queue
    # for the lock up front (30 concurrent sign-ups on `make serve` gave 500s without it).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "init_command": "PRAGMA journal_mode=WAL;", "transaction_mode": "IMMEDIATE"}
    )

# --- Redis: cache, channel layer, Celery -----------------------------------
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {
                "CLIENT_CLASS": "django_redis.client.DefaultClient",
                "SOCKET_CONNECT_TIMEOUT": 2,
                "SOCKET_TIMEOUT": 2,
            },
        }
    }
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [REDIS_URL], "prefix": env("CHANNELS_PREFIX", default="asgi")},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
# Per process, never shared: short-lived figures a process may keep for itself (a list's cached
# COUNT), where a Redis round trip would cost more than the value saves.
CACHES["local"] = {"BACKEND": "core.local_cache.ProcessLocalCache", "LOCATION": "process-local"}

CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=REDIS_URL or "memory://")
# On Redis, kombu's transport with one client per channel instead of one per published task (core/broker.py).
CELERY_BROKER_TRANSPORT = broker_transport(CELERY_BROKER_URL)
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=REDIS_URL or "cache+memory://")
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_BEAT_SCHEDULE: dict = {}
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# The queue (and exchange) tasks go to and the worker reads: deployments sharing one Redis keep apart.
CELERY_TASK_DEFAULT_QUEUE = env("CELERY_TASK_DEFAULT_QUEUE", default="celery")

# --- Authentication --------------------------------------------------------
AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = ["core.accounts.backends.RealmBackend"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# The e-mail is unique per realm, not globally: RealmBackend resolves it
# together with the realm, so Django's global-uniqueness warning does not apply.
# allauth's W001 concerns its own login flow, which the platform does not use.
SILENCED_SYSTEM_CHECKS = ["auth.W004", "account.W001"]

SIMPLE_JWT = {
    "ROTATE_REFRESH_TOKENS": True,
    "BLACKLIST_AFTER_ROTATION": True,
    "UPDATE_LAST_LOGIN": True,
    "ALGORITHM": "HS256",
    "SIGNING_KEY": env("JWT_SIGNING_KEY", default=SECRET_KEY),
    "AUTH_HEADER_TYPES": ("Bearer",),
    "USER_ID_FIELD": "id",
    "USER_ID_CLAIM": "user_id",
    # Product lifetimes override these per token (core.accounts.tokens).
    "ACCESS_TOKEN_LIFETIME": timedelta(hours=1),
    "REFRESH_TOKEN_LIFETIME": timedelta(days=7),
}

# Attempts per client address and product on login, sign-up and password
# reset (`off` disables); 429 in the product's error format.
AUTH_RATE_LIMIT = env("AUTH_RATE_LIMIT", default="30/minute")

# allauth: e-mail login, realm-aware through core.accounts.adapter.
ACCOUNT_ADAPTER = "core.accounts.adapter.RealmAccountAdapter"
# allauth's own login flow is not used (RealmLoginSerializer picks e-mail or
# username per product); e-mail login here would demand global e-mail
# uniqueness, which realms rule out.
ACCOUNT_LOGIN_METHODS = {"username"}
# dj-rest-auth 7.2 wrongly requires username with e-mail-only signup: keep it optional.
ACCOUNT_SIGNUP_FIELDS = ["email*", "username", "password1*", "password2*"]
ACCOUNT_UNIQUE_EMAIL = False  # unique per realm, checked by the adapter
ACCOUNT_EMAIL_VERIFICATION = "optional"
ACCOUNT_USER_MODEL_USERNAME_FIELD = "username"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_PRESERVE_USERNAME_CASING = False

REST_AUTH = {
    "USE_JWT": True,
    "TOKEN_MODEL": None,
    "SESSION_LOGIN": False,
    "JWT_AUTH_HTTPONLY": False,
    "JWT_TOKEN_CLAIMS_SERIALIZER": "core.accounts.tokens.RealmTokenObtainPairSerializer",
    "LOGIN_SERIALIZER": "core.accounts.serializers.RealmLoginSerializer",
    "REGISTER_SERIALIZER": "core.accounts.serializers.RealmRegisterSerializer",
    "PASSWORD_RESET_SERIALIZER": "core.accounts.serializers.RealmPasswordResetSerializer",
    "PASSWORD_RESET_CONFIRM_SERIALIZER": "core.accounts.serializers.RealmPasswordResetConfirmSerializer",
    "USER_DETAILS_SERIALIZER": "core.accounts.serializers.AccountSerializer",
    "OLD_PASSWORD_FIELD_ENABLED": True,
}

# --- REST framework and API docs -------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["core.accounts.authentication.ProductAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["core.api.renderers.EnvelopeRenderer"],
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "core.api.negotiation.ContentNegotiation",
    "DEFAULT_PARSER_CLASSES": [
        "core.api.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "core.api.pagination.ProductPagination",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "core.docs.schema.ProductAutoSchema",
    "EXCEPTION_HANDLER": "core.api.handlers.exception_handler",
    "DATETIME_FORMAT": "%Y-%m-%dT%H:%M:%SZ",
    "DATE_FORMAT": "%Y-%m-%d",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    # Trusted proxies in front of the app: rate limits key on the client address
    # they report; 0 uses the socket's address, so a forged X-Forwarded-For is ignored.
    "NUM_PROXIES": env.int("NUM_PROXIES", default=0),
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Multi-product API",
    "VERSION": APP_VERSION,
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        # Ressourcefy's billing statuses share the field name `status`: each set gets its own name.
        "RessourcefySubscriptionStatusEnum": "ressourcefy.models.billing.SubscriptionStatus",
        "RessourcefyPaymentStatusEnum": "ressourcefy.models.billing.PaymentStatus",
        "RessourcefyRefundStatusEnum": "ressourcefy.models.billing.RefundStatus",
        "SuccessStatusEnum": ["ok"],  # the envelope's `status`, named once whatever other `status` sets exist
    },
    # The deploy check builds one schema over every product, where same-named
    # serializers of different products collide; the schemas actually served are
    # per product and tested to build without warnings (core/tests/test_docs.py).
    "ENABLE_DJANGO_DEPLOY_CHECK": False,
}

# --- CORS ------------------------------------------------------------------
CORS_ALLOWED_ORIGINS = env.list("CORS_ALLOWED_ORIGINS", default=[])
CORS_ALLOW_ALL_ORIGINS = env.bool("CORS_ALLOW_ALL_ORIGINS", default=False)
CORS_ALLOW_CREDENTIALS = True
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# --- Static and media ------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
MEDIA_URL = "/media/"
# Scheme and host for absolute media URLs built outside a request (WebSocket
# payloads, e-mails), e.g. https://api.example.com; relative URLs when unset.
PUBLIC_BASE_URL = env("PUBLIC_BASE_URL", default="")
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(BASE_DIR / "media")))
# Uploads: local files under MEDIA_ROOT and PRIVATE_MEDIA_ROOT, or two S3-compatible buckets when
# S3_BUCKET is set (core/media_settings.py; README, Production storage). Static files stay with
# whitenoise either way: they ship with the code, so every machine already has them.
STORAGES = {
    **media_storages(env),
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
# Identity documents and other files that only authorised views hand out: never under MEDIA_URL.
PRIVATE_MEDIA_ROOT = Path(env("PRIVATE_MEDIA_ROOT", default=str(BASE_DIR / "private_media")))
# Uploaded images with more pixels are refused (400) before any pixel is decoded; decoding
# costs memory and CPU per pixel, whatever the compressed file size.
UPLOAD_MAX_IMAGE_PIXELS = env.int("UPLOAD_MAX_IMAGE_PIXELS", default=40_000_000)
# Explicit although Django's default: every response, media included, says nosniff.
SECURE_CONTENT_TYPE_NOSNIFF = True
# Bodies over these get 413 in the product's format, refused before reading (core/asgi.py).
# Every body, uploads included: the largest upload is a TownSpark issue's 5 images of 10 MB.
MAX_REQUEST_BODY_SIZE = env.int("MAX_REQUEST_BODY_SIZE", default=60 * 1024 * 1024)
# Non-file bodies (JSON, forms), which Django holds in memory; file parts go to disk past
# FILE_UPLOAD_MAX_MEMORY_SIZE (Django's 2.5 MB) and only the cap above bounds them.
DATA_UPLOAD_MAX_MEMORY_SIZE = 60 * 1024 * 1024

# --- E-mail ----------------------------------------------------------------
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="no-reply@localhost")

# --- Stripe ----------------------------------------------------------------
# Each product is its own Stripe account (or shares one): <PRODUCT>_STRIPE_SECRET_KEY,
# else STRIPE_SECRET_KEY. Each webhook endpoint has its own signing secret:
# <PRODUCT>_STRIPE_WEBHOOK_SECRET, else STRIPE_WEBHOOK_SECRET. Read by core.payments.gateway.
STRIPE = {
    "SECRET_KEYS": {
        key: env(f"{key.upper()}_STRIPE_SECRET_KEY", default="") or env("STRIPE_SECRET_KEY", default="")
        for key in ALL_PRODUCTS
    },
    "WEBHOOK_SECRETS": {
        key: env(f"{key.upper()}_STRIPE_WEBHOOK_SECRET", default="") or env("STRIPE_WEBHOOK_SECRET", default="")
        for key in ALL_PRODUCTS
    },
    # Another API base: a local Stripe-compatible server (`make stripe`).
    "API_BASE": env("STRIPE_API_BASE", default=""),
    # Short: a request thread must not hang on Stripe. Retries are safe: every create carries an idempotency key.
    "TIMEOUT_SECONDS": env.float("STRIPE_TIMEOUT_SECONDS", default=10.0),
    "MAX_NETWORK_RETRIES": env.int("STRIPE_MAX_NETWORK_RETRIES", default=2),
    # Webhook events signed longer ago than this are refused (Stripe's own default).
    "WEBHOOK_TOLERANCE_SECONDS": env.int("STRIPE_WEBHOOK_TOLERANCE_SECONDS", default=300),
}
# Share of each A-List payment the platform keeps (Stripe's application fee), in percent: 10 or 7.5.
ALISTPROS_PLATFORM_FEE_PERCENT = _percent("ALISTPROS_PLATFORM_FEE_PERCENT", default="10")
# Share of each Parking booking the platform keeps from the host's payout (a Transfer), in percent.
PARKING_PLATFORM_FEE_PERCENT = _percent("PARKING_PLATFORM_FEE_PERCENT", default="0")
# Ressourcefy's readiness is 503 once an outbox event has waited longer than this for the relay (runs every 10 s).
RESSOURCEFY_OUTBOX_MAX_LAG_SECONDS = env.int("RESSOURCEFY_OUTBOX_MAX_LAG_SECONDS", default=300)

# --- Logging ---------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {"django.request": {"level": "ERROR"}},
}
CSRF_FAILURE_VIEW = "core.api.errors.csrf_failure"
