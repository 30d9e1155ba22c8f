"""Django settings, read from the environment with strict parsing: a wrong value stops the
program with a message naming the variable. The variables, their meaning and defaults are in
the README's Settings table (one place, so that the two cannot drift)."""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
import django_stubs_ext
import platformdirs
from django.core.exceptions import ImproperlyConfigured

# Django generics (ModelAdmin[Article]) subscriptable at run time, as the type checker writes them.
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent


class SettingError(ImproperlyConfigured):
    """A wrong setting, one line naming the variable: `template % params` in English; the command
    line says it in its language (the template is a msgid of hamkari/web/locale's catalogues)."""

    def __init__(self, template: str, **params: object) -> None:
        super().__init__(template % params if params else template)
        self.template, self.params = template, params


def env_choice(name: str, default: str, choices: tuple[str, ...]) -> str:
    value = os.environ.get(name, default).strip()
    if value not in choices:
        raise SettingError(
            "%(name)s=%(value)s is not one of %(choices)s",
            name=name,
            value=repr(value),
            choices=", ".join(choices),
        )
    return value


def env_list(name: str, default: str) -> list[str]:
    value = os.environ.get(name, default)
    items = [v.strip() for v in value.split(",")]
    if any(not v or " " in v for v in items):
        raise SettingError(
            "%(name)s=%(value)s must be a comma-separated list without blanks", name=name, value=repr(value)
        )
    return items


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    if value not in ("true", "false", "1", "0", "yes", "no"):
        raise SettingError("%(name)s=%(value)s must be true or false", name=name, value=repr(value))
    return value in ("true", "1", "yes")


def env_int(name: str, default: int, minimum: int = 0) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    if not value.isdecimal() or int(value) < minimum:
        raise SettingError(
            "%(name)s=%(value)s must be a whole number of at least %(minimum)s",
            name=name,
            value=repr(value),
            minimum=minimum,
        )
    return int(value)


ENVIRONMENT = env_choice("HAMKARI_ENV", "development", ("development", "production"))
PRODUCTION = ENVIRONMENT == "production"
DEBUG = False  # Debug pages would show article text and settings; never on, even in development.

HOME = Path(os.environ.get("HAMKARI_HOME") or platformdirs.user_data_dir("hamkari")).expanduser()
if HOME.exists() and not HOME.is_dir():
    raise SettingError("HAMKARI_HOME=%(value)s is not a directory", value=repr(str(HOME)))

SECRET_KEY = os.environ.get("HAMKARI_SECRET_KEY", "")
if not SECRET_KEY:
    if PRODUCTION:
        raise SettingError("HAMKARI_SECRET_KEY must be set when HAMKARI_ENV=production")
    SECRET_KEY = "development-only-key-not-secret-" + "x" * 32
elif len(SECRET_KEY) < 50:
    raise SettingError("HAMKARI_SECRET_KEY must be at least 50 characters long")

if PRODUCTION and not os.environ.get("HAMKARI_ALLOWED_HOSTS", "").strip():
    raise SettingError("HAMKARI_ALLOWED_HOSTS must be set when HAMKARI_ENV=production")
ALLOWED_HOSTS = env_list("HAMKARI_ALLOWED_HOSTS", "localhost,127.0.0.1,testserver")

# Reads of the JSON API without a login or a token (writes always need a token).
HAMKARI_PUBLIC_READ = env_bool("HAMKARI_PUBLIC_READ", False)
# HAMKARI_FETCH_ALLOW_HOSTS is read by hamkari.sources.fetch itself (plain Python, used by the CLI too).

_database_url = os.environ.get("HAMKARI_DATABASE_URL", "").strip()
# SQLite: WAL keeps committed articles whole if a batch is killed, and lets readers run during
# writes; a writer takes the lock when its transaction begins (IMMEDIATE: a transaction that read
# first cannot find the database changed under it when it writes) and waits up to 30 s for another
# one (then kb.services.store retries). Several worker processes on one file need all of it.
SQLITE_OPTIONS = {
    "timeout": 30,
    "transaction_mode": "IMMEDIATE",
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
}
_DATABASE_FORMS = "postgres://user:password@host:5432/name or sqlite:///path/to/file"
if _database_url:
    _scheme = _database_url.partition("://")[0] if "://" in _database_url else ""
    if _scheme not in ("postgres", "postgresql", "sqlite"):
        # the URL itself is not repeated: it may hold a password
        raise SettingError(
            "HAMKARI_DATABASE_URL must be a postgres:// or sqlite:// URL (%(forms)s), not %(scheme)s",
            forms=_DATABASE_FORMS,
            scheme=_scheme + "://" if _scheme else "this",
        )
    try:
        DATABASES = {"default": dj_database_url.parse(_database_url, conn_max_age=60)}
    except Exception as exc:  # the parser raises several types; all mean the same to the user
        raise SettingError(
            "HAMKARI_DATABASE_URL is not a database URL (%(forms)s)", forms=_DATABASE_FORMS
        ) from exc
    if _scheme == "sqlite":  # the same waiting, locking and journal as the default file below
        DATABASES["default"]["OPTIONS"] = SQLITE_OPTIONS
else:
    HOME.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(HOME / "hamkari.sqlite3"),
            # a file, not memory, so that a test can hand the database to a child process
            "TEST": {"NAME": str(HOME / "test_hamkari.sqlite3")},
            "OPTIONS": SQLITE_OPTIONS,
        }
    }

INSTALLED_APPS = [
    # first, so that its templates (login, password change, error pages) win over the admin's
    "hamkari.web",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "axes",
    # django-ninja's own templates and static files: /api/docs serves Swagger UI from them, not a CDN
    "ninja",
    "hamkari.kb",
    "hamkari.accounts",
    "hamkari.tracker",
    "hamkari.partners",
    # background jobs: the task API and its database backend (jobs are rows, `hamkari worker` runs them)
    "django_tasks",
    "django_tasks_db",
    "hamkari.monitoring",
    # watchlists and alerts: notifications, e-mail digests, Atom feeds (matched after each ingest)
    "hamkari.alerts",
]

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# Watched sources: the least time between two requests to one site (a site's robots.txt
# Crawl-delay may ask for more), shared by every source and worker reading it.
HAMKARI_HOST_DELAY_MS = env_int("HAMKARI_HOST_DELAY_MS", 1000)
# ... and the most new items one poll hands on to be read, one job each (the others wait for the
# next poll, 5 minutes later).
HAMKARI_PAGES_PER_POLL = env_int("HAMKARI_PAGES_PER_POLL", 50, minimum=1)
# ... and how many of its latest polls each source keeps in its fetch history (older ones are
# deleted by the next poll).
HAMKARI_FETCH_HISTORY = env_int("HAMKARI_FETCH_HISTORY", 200, minimum=1)
# a job marked running whose worker has given no sign of life for this long was lost with its
# process (killed, crashed) and is queued again (hamkari/monitoring/worker.py)
HAMKARI_WORKER_LOST_SECONDS = env_int("HAMKARI_WORKER_LOST_SECONDS", 60, minimum=5)
# The daily deadline digest the worker sends (hamkari/tracker/tasks.py): the local hour it goes out
# and how many days ahead it looks.
HAMKARI_REMINDER_HOUR = env_int("HAMKARI_REMINDER_HOUR", 7)
HAMKARI_REMINDER_DAYS = env_int("HAMKARI_REMINDER_DAYS", 7)

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
    "django_htmx.middleware.HtmxMiddleware",
    "hamkari.api.middleware.ApiErrorMiddleware",
    "hamkari.middleware.NulGuardMiddleware",
    # last, as django-axes asks: turns a locked-out login into its 429 page
    "axes.middleware.AxesMiddleware",
]

# Password guessing (django-axes): failures are counted per user name and client address; at the
# limit that pair is locked (429 page, an entry in the audit log) until the cool-off passes or an
# administrator unlocks it (`hamkari manage axes_reset_username NAME`).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("HAMKARI_LOGIN_FAILURE_LIMIT", 10, minimum=1)
_lock_hours = env_int("HAMKARI_LOGIN_LOCK_HOURS", 1)
AXES_COOLOFF_TIME = _lock_hours or None  # 0: locked until an administrator unlocks
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# Behind a reverse proxy the client's address is in X-Forwarded-For: HAMKARI_PROXY_COUNT proxies.
AXES_IPWARE_PROXY_COUNT = env_int("HAMKARI_PROXY_COUNT", 0)
if AXES_IPWARE_PROXY_COUNT:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")

ROOT_URLCONF = "hamkari.urls"
WSGI_APPLICATION = "hamkari.wsgi.application"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "hamkari.web.context.roles",
                "hamkari.web.context.notifications",
            ]
        },
    }
]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
LANGUAGE_CODE = "fa"
LANGUAGES = [("fa", "فارسی"), ("ru", "Русский"), ("en", "English")]
TIME_ZONE = "Asia/Tehran"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "web" / "locale"]
STATIC_URL = "static/"
STATIC_ROOT = HOME / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise expects it even before collectstatic
# Static files come from the packages themselves (no CDN); WhiteNoise serves them, from the apps'
# folders during development and tests, from STATIC_ROOT after `collectstatic` (done by serve).
WHITENOISE_USE_FINDERS = not PRODUCTION
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
DATA_UPLOAD_MAX_MEMORY_SIZE = 6 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 6 * 1024 * 1024

SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
SECURE_SSL_REDIRECT = PRODUCTION
SECURE_HSTS_SECONDS = 31536000 if PRODUCTION else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = PRODUCTION
SECURE_HSTS_PRELOAD = PRODUCTION
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if PRODUCTION else None
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "hamkari.web.views.errors.csrf_failure"  # in the site's layout and language
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {
        "handlers": ["console"],
        "level": env_choice("HAMKARI_LOG_LEVEL", "WARNING", ("DEBUG", "INFO", "WARNING", "ERROR")),
    },
}

# Mail for `hamkari remind`: HAMKARI_EMAIL_URL like smtp://user:pass@host:587 (tls) or console://
_email_url = os.environ.get("HAMKARI_EMAIL_URL", "console://").strip()
if _email_url == "console://":
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
elif _email_url.startswith(("smtp://", "smtps://")):
    from urllib.parse import unquote, urlsplit

    _mail = urlsplit(_email_url)
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST, EMAIL_PORT = (
        _mail.hostname or "localhost",
        _mail.port or (465 if _mail.scheme == "smtps" else 587),
    )
    EMAIL_HOST_USER, EMAIL_HOST_PASSWORD = unquote(_mail.username or ""), unquote(_mail.password or "")
    EMAIL_USE_SSL, EMAIL_USE_TLS = _mail.scheme == "smtps", _mail.scheme == "smtp"
else:
    raise SettingError("HAMKARI_EMAIL_URL must be console:// or smtp(s)://user:password@host:port")
DEFAULT_FROM_EMAIL = os.environ.get("HAMKARI_EMAIL_FROM", "hamkari@localhost")
# The address the site is reached at, for the links in e-mail digests (no trailing slash)
HAMKARI_SITE_URL = os.environ.get("HAMKARI_SITE_URL", "http://127.0.0.1:8000").strip().rstrip("/")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    # Django's rule, with the number in the reader's digits
    {"NAME": "hamkari.accounts.passwords.LengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
