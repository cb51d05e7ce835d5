"""Settings for ipbureau, read from environment variables (see .env.example).

SQLite under IPBUREAU_DATA_DIR is the zero-set-up default; PostgreSQL through DATABASE_URL.
DEBUG is off unless asked for, and with DEBUG off the settings are the production ones
(`ipbureau check --deploy` is clean when SECRET_KEY and ALLOWED_HOSTS are set).
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def envbool(name: str, default: bool = False) -> bool:
    """A yes/no variable; a value it does not know stops the start instead of reading as false
    (a typo in SECURE_SSL_REDIRECT must not switch HTTPS off silently)."""
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name}={raw!r} is not a yes/no value: use 1/0, true/false, yes/no or on/off"
    )


def envint(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


def envlist(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("IPBUREAU_DATA_DIR", Path.cwd() / "var")).resolve()

DEBUG = envbool("DEBUG")
# A development key only when DEBUG is on; production must set SECRET_KEY.
SECRET_KEY = os.environ.get("SECRET_KEY") or ("dev-insecure-key-only-for-debug" if DEBUG else "")
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off (see .env.example)")

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS")

# The province this deployment serves (GB/T 2260 two-digit code). Gansu by default.
IPBUREAU_PROVINCE = os.environ.get("IPBUREAU_PROVINCE", "62")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "django_filters",
    "axes",
    "ipbureau.core",
    "ipbureau.accounts",
    "ipbureau.audit",
    "ipbureau.regions",
    "ipbureau.orgs",
    "ipbureau.patents",
    "ipbureau.targets",
    "ipbureau.patents.counts",
    "ipbureau.dashboard",
    "ipbureau.cases",
    "ipbureau.assistance",
    "ipbureau.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "ipbureau.assistance.bodylimit.PortalBodyLimitMiddleware",
    # Last, as django-axes requires: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "ipbureau.urls"
WSGI_APPLICATION = "ipbureau.wsgi.application"

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

DATABASES = {
    # An empty DATABASE_URL counts as unset (as written by `DATABASE_URL= cmd` or a blank .env).
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'ipbureau.sqlite3'}",
        conn_max_age=envint("DATABASE_CONN_MAX_AGE", 60),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server read while an import writes.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }

AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "patents:list"
LOGOUT_REDIRECT_URL = "login"

# One lockout for every login path (the staff login, /admin/, anything that authenticates a
# password with the request), kept in the database by django-axes so that every server
# process sees it. A lock falls on the account (whatever the address) and on the address
# (whatever the account: one password sprayed over many accounts).
AUTHENTICATION_BACKENDS = [
    "ipbureau.accounts.backends.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_FAILURE_LIMIT = envint("IPBUREAU_LOGIN_FAILURE_LIMIT", 10)
# Minutes a lock lasts unless an administrator lifts it earlier; 0: until one does.
_LOCKOUT_MINUTES = envint("IPBUREAU_LOGIN_LOCKOUT_MINUTES", 30)
AXES_COOLOFF_TIME = timedelta(minutes=_LOCKOUT_MINUTES) if _LOCKOUT_MINUTES else None
# A success must not wipe the address's count: one valid account would reset a spray.
AXES_RESET_ON_SUCCESS = False
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "ipbureau.core.addresses.client_address"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", DATA_DIR / "static"))
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", DATA_DIR / "media"))
# Production serves static files itself (whitenoise) under hashed names, gzip-compressed and
# cached for a year; that needs `collectstatic`, which `ipbureau serve` runs at every start.
# Development reads the apps' files as they are; the tests swap in the plain storage too
# (src/ipbureau/conftest.py), so neither needs a manifest.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# A request's fields other than files (forms, API bodies): Django's 2.5 MB default, far
# above any form. Files are not counted there: one bigger than FILE_UPLOAD_MAX_MEMORY_SIZE
# streams to a temporary file instead of memory. A portal request is refused by its
# declared length before it is read (assistance/bodylimit.py).
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
IPBUREAU_UPLOAD_MAX_BYTES = envint("IPBUREAU_UPLOAD_MAX_BYTES", 200 * 1024 * 1024)
# Officers a case needs before it is filed (立案); the statutory time limits per case kind are
# the setting IPBUREAU_CASE_DEADLINES (cases/deadlines.py), not an environment variable.
IPBUREAU_CASE_MIN_OFFICERS = envint("IPBUREAU_CASE_MIN_OFFICERS", 2)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "ipbureau API",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # The schema maps every endpoint and field: staff only, like the API itself.
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
}

SESSION_COOKIE_HTTPONLY = True
# A login lasts at most SESSION_COOKIE_AGE (8 hours: one working day) from the moment it was
# made, and ends earlier when the browser is closed (a shared office computer).
SESSION_COOKIE_AGE = envint("SESSION_COOKIE_AGE", 8 * 3600)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# Set behind a reverse proxy (nginx) that sets X-Forwarded-Proto and X-Forwarded-For itself:
# only then are those headers believed, and the client address is the proxy's last entry
# of X-Forwarded-For (core/addresses.py). Without a proxy any client could forge them.
IPBUREAU_BEHIND_PROXY = envbool("IPBUREAU_BEHIND_PROXY")
if IPBUREAU_BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SESSION_COOKIE_SECURE = envbool("SESSION_COOKIE_SECURE", True)
    CSRF_COOKIE_SECURE = envbool("CSRF_COOKIE_SECURE", True)
    SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", False)
    # Preloading is a decision about a public domain, made once by its owner; most bureau
    # deployments live on an intranet host name that cannot be on the browsers' list.
    SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
