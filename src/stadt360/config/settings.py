"""Stadt360 settings: one file, driven by environment variables.

Development defaults are safe and need nothing: an embedded SQLite database in
``var/``, an in-process cache and the database task backend. The production
profile is switched on by ``DEBUG=0`` and documented in ``docs/operations.md``;
with it ``stadt360 check --deploy`` is clean.
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent  # src/stadt360
PROJECT_DIR = BASE_DIR.parent.parent
VAR_DIR = Path(os.environ.get("STADT360_VAR_DIR", PROJECT_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise RuntimeError("SECRET_KEY must be set when DEBUG is off (production profile).")
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production-stadt360"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1],testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",  # Wagtail's search index on PostgreSQL (harmless on SQLite)
    "django_filters",
    "ninja",  # serves Swagger UI from our own static files instead of a CDN
    "django_htmx",
    "django_tasks_db",
    "django_rq",
    "stadt360.core",
    "stadt360.accounts",
    "stadt360.providers",
    "stadt360.jobs",
    "stadt360.housing",
    "stadt360.childcare",
    "stadt360.schools",
    "stadt360.offers",
    "stadt360.situations",
    "stadt360.mobility",
    "stadt360.bundles",
    "stadt360.companies",
    "stadt360.cooperation",
    "stadt360.events",
    "stadt360.newsletter",
    "stadt360.search",
    "stadt360.api",
    "stadt360.public",
    "stadt360.demo",
    "stadt360.backoffice",
    "stadt360.portal",
    "stadt360.imports",
    "stadt360.site",  # Wagtail pages: the centre's homepage, news, legal pages
    "wagtail.contrib.routable_page",
    # Wagtail: the centre's and the city's editorial pages, admin at /cms/ (docs/adr/0012).
    "wagtail_localize",
    "wagtail_localize.locales",  # replaces wagtail.locales
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # After our apps, so accounts/templates/ overrides allauth's unstyled templates.
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "axes",
    "rules.apps.AutodiscoverRulesConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "stadt360.site.middleware.CmsContentSecurityPolicyMiddleware",  # /cms/ only: CMS_CSP
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "stadt360.accounts.middleware.MfaRequiredMiddleware",
    # Last, as django-axes asks: it turns a lockout into its response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "stadt360.config.urls"
WSGI_APPLICATION = "stadt360.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'stadt360.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    # The test database is a file, not Django's shared in-memory one: threads with their own
    # connections (the concurrency tests) then lock it like separate processes do, which
    # in-memory shared-cache mode cannot (it fails at once with "table is locked"). Under
    # pytest-xdist every worker gets its own file (pytest-django appends _gw0, _gw1 …).
    DATABASES["default"]["TEST"] = {
        "NAME": os.environ.get("STADT360_TEST_SQLITE") or str(VAR_DIR / "test-stadt360.sqlite3")
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

# --- Cache and tasks --------------------------------------------------------
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

TASK_BACKEND = os.environ.get("TASK_BACKEND", "rq" if REDIS_URL else "database")
TASKS = {
    "default": {
        "database": {"BACKEND": "django_tasks_db.DatabaseBackend"},
        "rq": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]},
        "immediate": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"},
    }[TASK_BACKEND]
}
RQ_QUEUES = {"default": {"URL": REDIS_URL or "redis://127.0.0.1:6379/0", "DEFAULT_TIMEOUT": 600}}

# --- Internationalisation ---------------------------------------------------
LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("Deutsch")), ("en", _("English"))]
MODELTRANSLATION_DEFAULT_LANGUAGE = "de"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("de",)
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

# --- Static files and media -------------------------------------------------
# Three places, never nested: static files (collectstatic, served by WhiteNoise), public
# media (offer and product images, served by the web server under MEDIA_URL) and private
# files (uploaded feeds: outside every served folder, handed out only by a portal view
# that checks membership). docs/operations.md says how each is served in production.
STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT") or VAR_DIR / "staticfiles")
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT") or VAR_DIR / "media")
MEDIA_URL = "media/"
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT") or VAR_DIR / "private")
for _served in (STATIC_ROOT, MEDIA_ROOT):
    if PRIVATE_MEDIA_ROOT.resolve().is_relative_to(_served.resolve()):
        raise RuntimeError(f"PRIVATE_MEDIA_ROOT must not lie inside a served folder ({_served}).")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Under PRIVATE_MEDIA_ROOT; its files have no URL at all (url() refuses).
    "private": {"BACKEND": "stadt360.imports.storage.PrivateFileStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Development serves static files straight from the apps (no collectstatic needed).
WHITENOISE_USE_FINDERS = WHITENOISE_AUTOREFRESH = DEBUG
# Uploaded feed files are deleted this many days after their run finished (the report stays).
IMPORT_FILE_RETENTION_DAYS = int(os.environ.get("IMPORT_FILE_RETENTION_DAYS", "30"))
# An import run renews its lease per batch; a run whose lease ran out is resumed at most
# IMPORT_MAX_ATTEMPTS times, then closed as failed (imports/lifecycle.py).
IMPORT_LEASE_SECONDS = int(os.environ.get("IMPORT_LEASE_SECONDS", "600"))
IMPORT_MAX_ATTEMPTS = int(os.environ.get("IMPORT_MAX_ATTEMPTS", "3"))

# --- Security ---------------------------------------------------------------
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:", *env_list("MAP_TILE_ORIGINS", "")],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
# Wagtail's admin needs inline scripts and styles (site.middleware; /cms/ only, behind MFA).
# Without the nonce: a browser ignores 'unsafe-inline' when a nonce is in the policy.
CMS_CSP = {
    **SECURE_CSP,
    "script-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:", "blob:"],
    "frame-ancestors": [CSP.SELF],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_PRELOAD = not DEBUG
# Behind a reverse proxy (BEHIND_PROXY=1) the client address is the hop our PROXY_COUNT
# proxies appended to X-Forwarded-For; otherwise REMOTE_ADDR and the header is ignored.
# accounts.throttle.client_ip is the one reader (lockouts and every rate limit).
BEHIND_PROXY = env_bool("BEHIND_PROXY", False)
PROXY_COUNT = int(os.environ.get("PROXY_COUNT") or "1")
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}

# --- Accounts: allauth (e-mail login, verification, MFA), axes, rules ---------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses locked-out logins
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "public:home"  # a name: reversed in the language the person uses
LOGOUT_REDIRECT_URL = "public:home"
ACCOUNT_ADAPTER = "stadt360.accounts.adapter.AccountAdapter"
ACCOUNT_USER_DISPLAY = "stadt360.accounts.adapter.user_display"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Gera 360°] "
# allauth's failed-login limit also guards the second-factor step (key: the person), so it
# stays on: 10 per minute and address, 5 per 5 minutes and login name / person. django-axes
# locks (login name, address) for AXES_COOLOFF_TIME after AXES_FAILURE_LIMIT failures.
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,5/5m/key"}
MFA_SUPPORTED_TYPES = ["totp", "webauthn", "recovery_codes"]
# After MFA_FAILURE_LIMIT wrong codes the person's second factor is locked for
# MFA_LOCK_MINUTES, from every address (accounts.forms).
MFA_FORMS = {
    "authenticate": "stadt360.accounts.forms.LockingAuthenticateForm",
    "reauthenticate": "stadt360.accounts.forms.LockingReauthenticateForm",
}
MFA_FAILURE_LIMIT = int(os.environ.get("MFA_FAILURE_LIMIT") or "10")
MFA_LOCK_MINUTES = int(os.environ.get("MFA_LOCK_MINUTES") or "60")
MFA_PASSKEY_LOGIN_ENABLED = True
MFA_TOTP_ISSUER = "Gera 360°"
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = DEBUG
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "stadt360.accounts.lockout.login_name"
AXES_LOCKOUT_CALLABLE = "stadt360.accounts.lockout.lockout_response"
AXES_CLIENT_IP_CALLABLE = "stadt360.accounts.throttle.client_ip"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
MAILERS = {
    "default": {
        # Development prints mail to the console; production sends it by SMTP.
        "BACKEND": os.environ.get("EMAIL_BACKEND")
        or f"django.core.mail.backends.{'console' if DEBUG else 'smtp'}.EmailBackend",
        "OPTIONS": {
            key: value
            for key, value in {
                "host": os.environ.get("EMAIL_HOST"),
                "port": int(os.environ["EMAIL_PORT"]) if os.environ.get("EMAIL_PORT") else None,
                "username": os.environ.get("EMAIL_HOST_USER"),
                "password": os.environ.get("EMAIL_HOST_PASSWORD"),
                "use_tls": env_bool("EMAIL_USE_TLS", False) or None,
            }.items()
            if value is not None
        },
    }
}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Gera 360° <noreply@gera360.example>")

# --- Wagtail (editorial pages) ---------------------------------------------
WAGTAIL_SITE_NAME = "Gera 360°"
# The site's public address: links in mails sent by background tasks (no request there).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# One sign-in for everything: /cms/ hands over to allauth (password, then the second factor,
# accounts.middleware); passwords and addresses are managed there, never in Wagtail's forms.
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_FRONTEND_LOGIN_URL = "account_login"
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAILUSERS_PASSWORD_ENABLED = False
WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no requests to other hosts, not even for avatars

# --- Stadt360 ---------------------------------------------------------------
STADT360_REGION = os.environ.get("STADT360_REGION", "gera")
# Reference data shipped with the repository's shared folder, or a configured copy.
STADT360_SHARED_DATA = Path(
    os.environ.get("STADT360_SHARED_DATA", PROJECT_DIR.parent / "shared" / "data")
)
# Average additional health contribution (Zusatzbeitrag) for net pay, as a fraction:
# 2026 = 0.029 (BMG announcement under § 242a SGB V); update yearly.
STADT360_HEALTH_EXTRA_RATE = float(os.environ.get("STADT360_HEALTH_EXTRA_RATE", "0.029"))
# Map tiles: empty means "no tiles configured"; maps then say so and the lists carry everything.
MAP_TILE_URL = os.environ.get("MAP_TILE_URL", "")
MAP_TILE_ATTRIBUTION = os.environ.get("MAP_TILE_ATTRIBUTION", "")
# Offer images: upload limits (bytes, pixels per side after downscaling).
STADT360_IMAGE_MAX_BYTES = int(os.environ.get("STADT360_IMAGE_MAX_BYTES", str(5 * 1024 * 1024)))
STADT360_IMAGE_MAX_SIDE = int(os.environ.get("STADT360_IMAGE_MAX_SIDE", "2000"))

# --- Privacy: storage periods in days (docs/privacy.md; the privacy page shows them) ----
# ``stadt360 apply_retention`` (daily, or its task) deletes or anonymises what is older.
RETENTION_BARRIER_REPORT_DAYS = int(os.environ.get("RETENTION_BARRIER_REPORT_DAYS", "7"))
RETENTION_LOGIN_LOG_DAYS = int(os.environ.get("RETENTION_LOGIN_LOG_DAYS", "90"))
RETENTION_AUDIT_EMAIL_DAYS = int(os.environ.get("RETENTION_AUDIT_EMAIL_DAYS", "365"))
RETENTION_COOPERATION_MESSAGE_DAYS = int(
    os.environ.get("RETENTION_COOPERATION_MESSAGE_DAYS", "365")
)
RETENTION_INVITATION_DAYS = int(os.environ.get("RETENTION_INVITATION_DAYS", "30"))
# Newsletter sign-ups never confirmed, and addresses after unsubscribing.
RETENTION_NEWSLETTER_PENDING_DAYS = int(os.environ.get("RETENTION_NEWSLETTER_PENDING_DAYS", "7"))
RETENTION_NEWSLETTER_UNSUBSCRIBED_DAYS = int(
    os.environ.get("RETENTION_NEWSLETTER_UNSUBSCRIBED_DAYS", "30")
)
# Finished background-task results (arguments, return values, tracebacks of failures).
RETENTION_TASK_RESULT_DAYS = int(os.environ.get("RETENTION_TASK_RESULT_DAYS") or "30")
# Barrier reports per client address and hour (the form is public and needs no login).
STADT360_BARRIER_REPORTS_PER_HOUR = int(os.environ.get("STADT360_BARRIER_REPORTS_PER_HOUR", "5"))
# Newsletter: sign-ups per client address and hour, hours a confirmation link stays valid,
# mails per background task.
NEWSLETTER_SIGNUPS_PER_HOUR = int(os.environ.get("NEWSLETTER_SIGNUPS_PER_HOUR", "5"))
NEWSLETTER_CONFIRM_HOURS = int(os.environ.get("NEWSLETTER_CONFIRM_HOURS", "72"))
NEWSLETTER_BATCH_SIZE = int(os.environ.get("NEWSLETTER_BATCH_SIZE", "200"))

# --- Events (events.services, events.recurrence) ----------------------------------------
# A recurrence rule yields at most this many dates, and an open-ended one only those within
# the window (days from the first date); more is refused.
EVENTS_RECURRENCE_MAX_DATES = int(os.environ.get("EVENTS_RECURRENCE_MAX_DATES") or "200")
EVENTS_RECURRENCE_WINDOW_DAYS = int(os.environ.get("EVENTS_RECURRENCE_WINDOW_DAYS") or "548")
# A registration's management link works until this many days after its date ended.
EVENTS_MANAGEMENT_LINK_DAYS = int(os.environ.get("EVENTS_MANAGEMENT_LINK_DAYS") or "30")
# Registrations lose name, address and answers this many days after their date ended.
RETENTION_EVENT_REGISTRATION_DAYS = int(os.environ.get("RETENTION_EVENT_REGISTRATION_DAYS") or "90")
