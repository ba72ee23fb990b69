"""Prongsai settings: server capability comes from the environment, organization policy
from the database (see ARCHITECTURE.md). Production (PRONGSAI_ENV=production) fails fast
on a missing secret; development runs with no environment at all."""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("PRONGSAI_VAR_DIR", BASE_DIR / "var"))

ENV = os.environ.get("PRONGSAI_ENV", "development")
PRODUCTION = ENV == "production"
if os.environ.get("DJANGO_DEBUG") == "0" and ENV == "development":
    # DJANGO_DEBUG=0 alone also asks for production behaviour (and its fail-fast checks).
    ENV, PRODUCTION = "production", True


def env_required(name: str, dev_default: str) -> str:
    value = os.environ.get(name)
    if value:
        return value
    if PRODUCTION:
        raise ImproperlyConfigured(f"Environment variable {name} is required in production.")
    return dev_default


SECRET_KEY = env_required("SECRET_KEY", "dev-insecure-key-do-not-use-in-production")
if PRODUCTION and (len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5 or SECRET_KEY.startswith("django-insecure-")):
    raise ImproperlyConfigured(
        "SECRET_KEY is too weak for production: use at least 50 random characters "
        "(python -c 'import secrets; print(secrets.token_urlsafe(50))')."
    )
DEBUG = os.environ.get("DJANGO_DEBUG", os.environ.get("DEBUG", "0" if PRODUCTION else "1")) == "1"
ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "" if PRODUCTION else "*").split(",") if h]
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("Environment variable ALLOWED_HOSTS is required in production (comma-separated host names).")
if PRODUCTION and not os.environ.get("DATABASE_URL") and os.environ.get("PRONGSAI_ALLOW_SQLITE") != "1":
    raise ImproperlyConfigured(
        "Environment variable DATABASE_URL is required in production (postgres://user:pass@host:5432/db); "
        "set PRONGSAI_ALLOW_SQLITE=1 to run a single-machine install on SQLite on purpose."
    )
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]

# Apps: the project package only wires them together; one app per domain concept.
PRONGSAI_APPS = [
    "prongsai.core",
    "prongsai.accounts",
    "prongsai.tenancy",
    "prongsai.audit",
    "prongsai.ita",
    "prongsai.measures",
    "prongsai.reports",
    "prongsai.portal",
    "prongsai.oit",
    "prongsai.search",
    "prongsai.eservice",
    "prongsai.complaints",
    "prongsai.satisfaction",
    "prongsai.lending",
    "prongsai.preassessment",
    "prongsai.training",
    "prongsai.api",
    "prongsai.demo",
]
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "ninja",  # serves the API docs' Swagger UI from our own static files (CSP: no CDN)
    *PRONGSAI_APPS,
    "prongsai.ops",
]

MIDDLEWARE = [
    # Outermost: sees the finished response (cookies included) before marking a page cacheable.
    "prongsai.ops.middleware.SharedCacheMiddleware",
    "prongsai.ops.middleware.TrustedProxyMiddleware",
    "prongsai.ops.middleware.NulRefusalMiddleware",
    "prongsai.ops.routers.ReplicaMiddleware",  # no-op unless DATABASE_REPLICA_URL is set
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "prongsai.ops.middleware.SessionHostMiddleware",
    "prongsai.ops.middleware.SecurityHeadersMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    # An organization's own domain → its /<slug>/ paths (before the organization is resolved).
    "prongsai.portal.middleware.SiteDomainMiddleware",
    # Resolves the organization from the URL and activates its query scope.
    "prongsai.tenancy.middleware.OrganizationMiddleware",
]

ROOT_URLCONF = "prongsai.urls"
WSGI_APPLICATION = "prongsai.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "prongsai" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "prongsai.tenancy.context_processors.organization",
            ],
            "builtins": ["prongsai.core.templatetags.thai", "prongsai.core.templatetags.orgurl"],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'prongsai.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if os.environ.get("DATABASE_REPLICA_URL"):
    # A streaming replica for anonymous public pages (prongsai.ops.routers); writes and staff: primary.
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["DATABASE_REPLICA_URL"], conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")), conn_health_checks=True
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["prongsai.ops.routers.ReplicaRouter"]
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL + immediate transactions: writers wait instead of failing, readers never block.
    # synchronous=FULL: a receipt shown to a citizen survives a power cut (NORMAL in WAL mode may
    # lose the last commits on power loss); "timeout" is SQLite's busy timeout, in seconds.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# Lock-out after repeated failed logins (django-axes): per username and IP.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# The client address is REMOTE_ADDR, rewritten from X-Forwarded-For only when the request came
# through a trusted proxy (prongsai.ops.middleware.TrustedProxyMiddleware); never trust the header blindly.
AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]
TRUSTED_PROXIES = [p for p in os.environ.get("TRUSTED_PROXIES", "127.0.0.1,::1" if PRODUCTION else "").split(",") if p]

LANGUAGE_CODE = "th"
LANGUAGES = [("th", "ไทย"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "prongsai" / "locale"]
TIME_ZONE = "Asia/Bangkok"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns on every start otherwise
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
S3_BUCKET = os.environ.get("S3_BUCKET") or os.environ.get("AWS_STORAGE_BUCKET_NAME")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    if not S3_BUCKET
    else {
        # Any S3-compatible object store (AWS, MinIO, Ceph, NIPA/Thai clouds) via django-storages.
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": os.environ.get("S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("S3_REGION") or None,
            "access_key": os.environ.get("S3_ACCESS_KEY_ID") or os.environ.get("AWS_ACCESS_KEY_ID"),
            "secret_key": os.environ.get("S3_SECRET_ACCESS_KEY") or os.environ.get("AWS_SECRET_ACCESS_KEY"),
            "default_acl": None,
            "querystring_auth": True,  # private objects, short-lived signed URLs
            "querystring_expire": 600,
            "file_overwrite": False,
        },
    },
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

REDIS_URL = os.environ.get("REDIS_URL")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Every cache key carries the organization of the request (prongsai.ops.cache).
CACHES["default"]["KEY_FUNCTION"] = "prongsai.ops.cache.make_key"
CACHES["default"]["KEY_PREFIX"] = os.environ.get("CACHE_KEY_PREFIX", "prongsai")

# Uploads: evidence and attachments. Content is checked by prongsai.core.uploads.
UPLOAD_MAX_BYTES = int(os.environ.get("UPLOAD_MAX_BYTES", str(10 * 1024 * 1024)))
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 8 * 3600  # one working day
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "1") == "1"
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # Host-only cookies: the browser sends them only to the exact host that set them.
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
    USE_X_FORWARDED_HOST = False
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Keys for data encrypted at rest (complaint reporters' identity and report bodies), held outside
# the database. Comma-separated; the first encrypts, all decrypt (rotation). Required in production.
ENCRYPTION_KEYS = [k for k in env_required("ENCRYPTION_KEYS", "").split(",") if k]

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend" if os.environ.get("EMAIL_HOST") else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "1") == "1"
EMAIL_TIMEOUT = 15
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "prongsai@localhost")

LOG_FORMAT = os.environ.get("LOG_FORMAT", "json" if PRODUCTION else "text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "prongsai.ops.logging.JsonFormatter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", **({"formatter": "json"} if LOG_FORMAT == "json" else {})}
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}
