"""Ledenpanel settings: one module, driven by environment variables.

It runs with zero configuration (embedded SQLite under ``var/``); production
sets ``DATABASE_URL``, ``SECRET_KEY``, ``ALLOWED_HOSTS`` and ``EMAIL_URL``.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
import dj_email_url
from csp.constants import NONE, SELF

from ledenpanel.core.clientaddress import proxy_count_from_environ

PACKAGE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# Everything the application writes (SQLite database, uploads in transit,
# screenshots of browser tests) lives under one directory.
VAR_DIR = Path(os.environ.get("LEDENPANEL_VAR_DIR", Path.cwd() / "var")).resolve()

# Per-panel anonymity keys live here, outside the database and its backups
# (docs/anonymity.md). Keep this directory out of every backup and snapshot.
KEY_DIR = Path(os.environ.get("LEDENPANEL_KEY_DIR", VAR_DIR.parent / "keys")).resolve()

# The demo key is public. `ledenpanel serve` and the WSGI entry point refuse it
# outside demo mode (see ledenpanel.cli.checks).
DEMO_SECRET_KEY = "ledenpanel-demo-secret-key-do-not-use-in-production"  # noqa: S105
SECRET_KEY = os.environ.get("SECRET_KEY", DEMO_SECRET_KEY)

# Set by `ledenpanel demo` only: enables DEBUG by default and lets the demo
# logins skip two-factor authentication.
DEMO_MODE = env_bool("LEDENPANEL_DEMO")
DEBUG = env_bool("DEBUG", default=DEMO_MODE)

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]" if DEBUG or DEMO_MODE else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

DEFAULT_DATABASE_URL = f"sqlite:///{VAR_DIR / 'ledenpanel.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", DEFAULT_DATABASE_URL), conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Zero configuration: the embedded database's folder is made on first use.
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    # WAL lets the web server and the worker read while the other writes;
    # IMMEDIATE transactions avoid "database is locked" on lock upgrades.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env_bool(
    "LEDENPANEL_DB_PREPARED", default=True
):
    # Parameters bound by the server (psycopg 3), and a statement run five
    # times on a connection prepared there: the answering requests' few
    # statements are parsed and planned once per persistent connection
    # (bench/answering.py). Off with LEDENPANEL_DB_PREPARED=0, e.g. behind
    # PgBouncer in transaction mode.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        server_side_binding=True, prepare_threshold=5
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "ledenpanel.core",
    "ledenpanel.accounts",
    "ledenpanel.organisations",
    "ledenpanel.panels",
    "ledenpanel.invitations",
    "ledenpanel.responses",
    "ledenpanel.closing",
    "ledenpanel.results",
    "ledenpanel.followup",
    "ledenpanel.fieldwork",
]

MIDDLEWARE = [
    "ledenpanel.core.middleware.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "ledenpanel.core.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "ledenpanel.core.middleware.CSPMiddleware",  # django-csp's, header built once
    # Axes must come last: it turns locked-out logins into a response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "ledenpanel.site.urls"
WSGI_APPLICATION = "ledenpanel.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "ledenpanel.site.context_processors.site",
            ],
        },
    }
]

# Accounts: staff log in with e-mail, password and a TOTP code.
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "site:home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
OTP_TOTP_ISSUER = "Ledenpanel"

# Throttle failed logins per e-mail address and IP address.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.25  # hours
# Either the pair (one account from one address) or the account alone: the
# latter stops guessing one account's password from rotating addresses.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "username"]
AXES_USERNAME_FORM_FIELD = "email"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False
# Reverse proxies in front of the app (LEDENPANEL_PROXY_COUNT, or its old name
# AXES_PROXY_COUNT): the client's address is the X-Forwarded-For entry the
# outermost one added. One function decides it for axes and for every rate
# limit; django-ipware is not installed, so axes must be told to ask it.
PROXY_COUNT = proxy_count_from_environ(os.environ)
AXES_CLIENT_IP_CALLABLE = "ledenpanel.core.clientaddress.client_address"

# Internationalisation: Dutch first, English available.
LANGUAGE_CODE = "nl"
# Each language is named in itself, so a reader finds their own.
LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
# `ledenpanel serve` collects static files and sets LEDENPANEL_STATIC_MANIFEST
# for hashed names and far-future caching; everything else (demo, tests, a bare
# WSGI server) serves straight from the package directories.
STATIC_MANIFEST = env_bool("LEDENPANEL_STATIC_MANIFEST")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if STATIC_MANIFEST
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not STATIC_MANIFEST
WHITENOISE_AUTOREFRESH = DEBUG

# Background work: a database queue that runs on SQLite and PostgreSQL alike.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# E-mail: EMAIL_URL (smtp://user:pass@host:587/?tls=True) or the EMAIL_* variables.
if "EMAIL_URL" in os.environ:
    vars().update(dj_email_url.parse(os.environ["EMAIL_URL"]))
else:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
    EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL")
if DEMO_MODE and not ({"EMAIL_URL", "EMAIL_HOST"} & set(os.environ)):
    # The demo sends no real mail: messages land as files in var/mail/.
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = VAR_DIR / "mail"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "ledenpanel@localhost")
# The public address of the site, for links in e-mails and letters.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Letters to members without e-mail: one PDF per this many letters; the return
# line in the envelope window ("Postbus 123, 1000 AA Amsterdam") and how to
# reach the party for help or a paper form, both printed on every letter.
LETTERS_PER_FILE = int(os.environ.get("LEDENPANEL_LETTERS_PER_FILE", "500"))
LETTER_RETURN_ADDRESS = os.environ.get("LEDENPANEL_LETTER_RETURN_ADDRESS", "")
LETTER_CONTACT = os.environ.get("LEDENPANEL_LETTER_CONTACT", "")
# A batch still "rendering" after this long is taken to be abandoned by a
# killed worker, and another worker may claim it.
LETTER_LEASE_SECONDS = int(os.environ.get("LEDENPANEL_LETTER_LEASE_SECONDS", "900"))
# Member mail (invitations, reminders): sent From noreply@MAIL_DOMAIN with the
# board's name, bounces to bounces+<invitation>@MAIL_DOMAIN (VERP). DKIM signing
# for this domain is the outgoing relay's job (README, "E-mail delivery").
MAIL_DOMAIN = os.environ.get(
    "LEDENPANEL_MAIL_DOMAIN", DEFAULT_FROM_EMAIL.rpartition("@")[2] or "localhost"
)
# Messages per second per worker process; 0 = unlimited.
MAIL_RATE = float(os.environ.get("LEDENPANEL_MAIL_RATE", "20"))
# Messages claimed per batch. A killed worker can send at most one batch per
# connection twice.
MAIL_BATCH_SIZE = int(os.environ.get("LEDENPANEL_MAIL_BATCH", "50"))
# SMTP connections a worker sends over side by side (one thread each).
MAIL_CONNECTIONS = int(os.environ.get("LEDENPANEL_MAIL_CONNECTIONS", "2"))
# A claimed message not marked sent within this time is taken up again.
MAIL_LEASE_SECONDS = float(os.environ.get("LEDENPANEL_MAIL_LEASE", "300"))
MAIL_MAX_ATTEMPTS = int(os.environ.get("LEDENPANEL_MAIL_MAX_ATTEMPTS", "5"))
# The open link (non-members): per client address and hour, at most this many
# new browsers start and as many answers are sent (counted under an HMAC of
# the address in the cache, never the address itself).
OPEN_RATE = int(os.environ.get("LEDENPANEL_OPEN_RATE", "30"))
# Rate limits must be shared by every server process: a file cache under
# var/ on one server, Redis (LEDENPANEL_CACHE_URL=redis://…) across several.
CACHE_URL = os.environ.get("LEDENPANEL_CACHE_URL", "")
if CACHE_URL.startswith(("redis://", "rediss://")):
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        }
    }
# {% cache %} in the answering pages: question blocks rendered from approved
# questionnaire versions, which never change, so each process keeps its own.
CACHES["template_fragments"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "ledenpanel-template-fragments",
    "OPTIONS": {"MAX_ENTRIES": 2000},
}
# Unknown letter codes or links one address may try per hour before it is
# refused (a household with a few letters stays far below it).
CODE_RATE = int(os.environ.get("LEDENPANEL_CODE_RATE", "20"))
# Links that let a new staff member set a password stay valid this long.
PASSWORD_RESET_TIMEOUT = 3 * 24 * 60 * 60
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Security headers. The CSP allows no inline script and no third-party source.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 8 * 60 * 60
CSRF_COOKIE_HTTPONLY = True
# Behind TLS in production: secure cookies and HSTS. Plain HTTP only in
# development and the demo (DEBUG) or when explicitly allowed for a test server.
HTTPS = env_bool("LEDENPANEL_HTTPS", default=not DEBUG)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT")
if env_bool("LEDENPANEL_BEHIND_PROXY"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Uploaded rosters stay in memory up to this size (a 50,000-member file is
# ~8 MB); the roster form refuses larger files.
FILE_UPLOAD_MAX_MEMORY_SIZE = 64 * 1024 * 1024

# Logs go to stderr. They never hold answers, tokens, codes or roster rows.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["stderr"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "filters": {"redact_paths": {"()": "ledenpanel.core.logging.RedactRequestPaths"}},
    "loggers": {
        "axes": {"level": "WARNING"},
        # Request paths will carry members' link tokens: never log them.
        "django.request": {"filters": ["redact_paths"]},
        "django.security": {"filters": ["redact_paths"]},
    },
}
