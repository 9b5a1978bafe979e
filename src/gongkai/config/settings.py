"""The one settings module. Everything deployment-specific comes from the environment."""

import json
import os
import secrets
from pathlib import Path
from urllib.parse import quote

from django.utils.translation import gettext_lazy as _

from gongkai.config.database_url import parse_database_url
from gongkai.config.file_modes import PRIVATE_DIRECTORY, PRIVATE_FILE, private_directory, private_file

SRC_DIR = Path(__file__).resolve().parents[1]
BASE_DIR = Path(os.environ.get("GONGKAI_HOME", SRC_DIR.parents[1])).resolve()
VAR_DIR = Path(os.environ.get("GONGKAI_VAR_DIR", BASE_DIR / "var")).resolve()


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _env_list(name: str, default: str) -> list[str]:
    return [part.strip() for part in os.environ.get(name, default).split(",") if part.strip()]


def _secret_key() -> str:
    key = os.environ.get("GONGKAI_SECRET_KEY")
    if key:
        return key
    # First run: generate a key and keep it under var/ (never committed) so sessions survive restarts.
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    path = VAR_DIR / "secret_key"
    if not path.exists():
        # Written whole under a name of its own, then linked into place: two commands started at once on a new
        # machine (make -j2) agree on the first key, and neither ever reads half a file.
        draft = VAR_DIR / f".secret_key.{os.getpid()}"
        fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_urlsafe(64))
        try:
            os.link(draft, path)
        except FileExistsError:
            pass   # another process was first: its key is the key
        finally:
            draft.unlink()
    return path.read_text().strip()


DEBUG = _env_bool("GONGKAI_DEBUG", False)
SECRET_KEY = _secret_key()
ALLOWED_HOSTS = _env_list("GONGKAI_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1],testserver")
CSRF_TRUSTED_ORIGINS = _env_list("GONGKAI_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    # The Django admin, superuser-only and behind the login lockout (gongkai.backoffice.admin_site).
    "gongkai.backoffice.admin_apps.SuperuserAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django_otp",
    "django_otp.plugins.otp_totp",
    # django-ninja is not an installed app: the API's docs page serves swagger-ui-dist from our own static files
    # (gongkai.api.docs), and leaving it out spares every command and worker the import of ninja and pydantic.
    "gongkai.core",
    "gongkai.agencies",
    "gongkai.calendars",
    "gongkai.search",
    "gongkai.catalog",
    "gongkai.cases",
    "gongkai.engagement",
    "gongkai.reports",
    "gongkai.sites",
    "gongkai.portal",
    "gongkai.backoffice",
    "gongkai.api",
    "gongkai.demo",
]

MIDDLEWARE = [
    "gongkai.core.request_id.RequestIdMiddleware",   # first: every log line of the request carries its id
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "gongkai.core.security_headers.SecurityHeadersMiddleware",
    # Host name -> site of the cluster (canonical redirects, the site's home at "/"), and its visit counts.
    "gongkai.sites.middleware.SiteHostMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "gongkai.backoffice.second_factor.SecondFactorMiddleware",
    "gongkai.core.db_router.ReplicaMiddleware",   # after authentication: staff read from the primary
    "gongkai.core.request_text.RefuseNulCharacters",   # after authentication: the 400 page shows the staff layout
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "gongkai.config.urls"
WSGI_APPLICATION = "gongkai.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "gongkai.core.context_processors.platform",
                "gongkai.backoffice.navigation.staff_navigation",
            ],
        },
    }
]

# The default database lives in VAR_DIR with the secret key and the media: one folder holds the state.
DATABASE_URL = os.environ.get("GONGKAI_DATABASE_URL", "")
if not DATABASE_URL:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASE_URL = f"sqlite:///{quote(str(VAR_DIR / 'gongkai.sqlite3'))}"
DATABASES = {"default": parse_database_url(DATABASE_URL, base_dir=BASE_DIR)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Production mode: a read replica of PostgreSQL for the portal's anonymous reads (gongkai.core.db_router).
# Reads go to the primary when the replica lags more than GONGKAI_REPLICA_MAX_LAG_SECONDS, for everything staff
# do, and for GONGKAI_REPLICA_STICKY_SECONDS after a visitor's own form (read-your-own-writes).
GONGKAI_REPLICA_DATABASE_URL = os.environ.get("GONGKAI_REPLICA_DATABASE_URL", "")
GONGKAI_REPLICA_MAX_LAG_SECONDS = float(os.environ.get("GONGKAI_REPLICA_MAX_LAG_SECONDS", "5"))
GONGKAI_REPLICA_STICKY_SECONDS = int(os.environ.get("GONGKAI_REPLICA_STICKY_SECONDS", "30"))
if GONGKAI_REPLICA_DATABASE_URL:
    DATABASES["replica"] = parse_database_url(GONGKAI_REPLICA_DATABASE_URL, base_dir=BASE_DIR)
    # Tests create no second database: the replica alias is the test database itself.
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["gongkai.core.db_router.ReplicaRouter"]

# Production mode: Redis for the cache (rendered pages, their generations, job locks) and the sessions.
GONGKAI_REDIS_URL = os.environ.get("GONGKAI_REDIS_URL", "")
if GONGKAI_REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": GONGKAI_REDIS_URL,
                          "KEY_PREFIX": os.environ.get("GONGKAI_CACHE_KEY_PREFIX", "gongkai")}}
else:
    CACHES = {
        "default": {
            "BACKEND": os.environ.get("GONGKAI_CACHE_BACKEND", "django.core.cache.backends.locmem.LocMemCache"),
            "LOCATION": os.environ.get("GONGKAI_CACHE_LOCATION", "gongkai"),
        }
    }
# Sessions in the cache with the database behind it (a flushed Redis signs nobody out) when the cache is shared.
SESSION_ENGINE = os.environ.get(
    "GONGKAI_SESSION_ENGINE",
    "django.contrib.sessions.backends.cached_db" if GONGKAI_REDIS_URL else "django.contrib.sessions.backends.db")

# Production mode: a job queue (Celery, gongkai.core.queue) for timed work and side effects, with Redis
# (redis://…) or RabbitMQ (amqp://…) as the broker. Without it the in-process minute timer runs the same jobs.
GONGKAI_BROKER_URL = os.environ.get("GONGKAI_BROKER_URL", "")
# Seconds before Redis hands a task whose worker vanished to another worker (RabbitMQ does so when the
# connection drops); longer than the longest task.
GONGKAI_BROKER_VISIBILITY_SECONDS = int(os.environ.get("GONGKAI_BROKER_VISIBILITY_SECONDS", "3600"))
GONGKAI_QUEUE_NAME = os.environ.get("GONGKAI_QUEUE_NAME", "gongkai")
# Where long work that a staff page starts runs (a catalog import, a report's statistics; gongkai.core.background):
# "thread" in the web process, "queue" on the job queue (the default with GONGKAI_BROKER_URL), "inline" in the
# request. Empty: chosen by whether there is a broker.
GONGKAI_BACKGROUND_WORK = os.environ.get("GONGKAI_BACKGROUND_WORK", "")
# How often celery beat sends the tick that runs every timed job (the embedded timer: `gongkai timer --interval`).
GONGKAI_TICK_SECONDS = int(os.environ.get("GONGKAI_TICK_SECONDS", "60"))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "backoffice:workbench"
LOGOUT_REDIRECT_URL = "portal:home"

# Accounts and logins (see gongkai.agencies.login_throttle and docs/security.md). Every door that checks a
# password goes through this one backend, which counts failures in the database.
AUTHENTICATION_BACKENDS = ["gongkai.agencies.login_throttle.LockoutBackend"]
# Failed logins before a lock-out: of one account from one address, of one address over all accounts
# (password spraying), of one account from all addresses (0: not counted).
GONGKAI_LOGIN_MAX_FAILURES = int(os.environ.get("GONGKAI_LOGIN_MAX_FAILURES", "5"))
GONGKAI_LOGIN_MAX_FAILURES_PER_ADDRESS = int(os.environ.get("GONGKAI_LOGIN_MAX_FAILURES_PER_ADDRESS", "20"))
GONGKAI_LOGIN_MAX_FAILURES_PER_ACCOUNT = int(os.environ.get("GONGKAI_LOGIN_MAX_FAILURES_PER_ACCOUNT", "50"))
GONGKAI_LOGIN_LOCKOUT_SECONDS = int(os.environ.get("GONGKAI_LOGIN_LOCKOUT_SECONDS", "900"))
# The REST API (gongkai.api.auth): calls per caller (token, session user, or address) per window of seconds;
# 0 turns the limit off. Counted in the cache: set GONGKAI_CACHE_BACKEND to Redis so that workers count together.
GONGKAI_API_RATE_LIMIT = int(os.environ.get("GONGKAI_API_RATE_LIMIT", "300"))
GONGKAI_API_RATE_WINDOW = max(1, int(os.environ.get("GONGKAI_API_RATE_WINDOW", "60")))
# The Django admin at /django-admin/ (superusers only); 0 removes it from the URL space.
GONGKAI_DJANGO_ADMIN = _env_bool("GONGKAI_DJANGO_ADMIN", True)
# Superusers must use a TOTP authenticator app (django-otp) as a second factor.
GONGKAI_OTP_REQUIRED_FOR_SUPERUSERS = _env_bool("GONGKAI_OTP_REQUIRED_FOR_SUPERUSERS", False)
OTP_TOTP_ISSUER = os.environ.get("GONGKAI_OTP_ISSUER", "Gongkai")
# Nobody, superusers included, reads another person's authenticator secret or QR code in the Django admin.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [SRC_DIR / "locale"]
USE_I18N = True
TIME_ZONE = os.environ.get("GONGKAI_TIME_ZONE", "Asia/Shanghai")
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("GONGKAI_STATIC_ROOT", VAR_DIR / "static"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("GONGKAI_MEDIA_ROOT", VAR_DIR / "media"))
# Named storages for the files (gongkai.core.file_storage); GONGKAI_STORAGES (JSON) replaces any of them, e.g.
# {"attachments": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {"bucket_name": "gk-files"}}}.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "attachments": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "letters": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "redactions": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "site": {"BACKEND": "gongkai.core.file_storage.SiteFileStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "gongkai.core.static_storage.StaticFilesStorage"
        )
    },
}


def _storages_from_env(raw: str) -> dict:
    from django.core.exceptions import ImproperlyConfigured

    try:
        named = json.loads(raw or "{}")
    except ValueError as exc:
        raise ImproperlyConfigured(f"GONGKAI_STORAGES is not JSON: {exc}") from None
    if not isinstance(named, dict) or not all(isinstance(v, dict) and "BACKEND" in v for v in named.values()):
        raise ImproperlyConfigured('GONGKAI_STORAGES must map storage names to {"BACKEND": …, "OPTIONS": {…}}')
    return named


STORAGES.update(_storages_from_env(os.environ.get("GONGKAI_STORAGES", "")))
WHITENOISE_USE_FINDERS = DEBUG
# Static publication of public pages (issue: portal); nginx may serve this directory directly.
GONGKAI_STATIC_SITE_DIR = Path(os.environ.get("GONGKAI_STATIC_SITE_DIR", VAR_DIR / "site"))
# "immediate": a publication rewrites its static pages at once (the item, its sites' lists, home, sitemap).
# "batched" (a cluster with several publications a minute): it removes them, and the timed jobs write them again
# once a tick per site; meanwhile nginx passes those addresses to the application.
GONGKAI_STATIC_PUBLISH = os.environ.get("GONGKAI_STATIC_PUBLISH", "immediate")
# Rendered public pages kept in the cache until the next publication (off: every request renders).
GONGKAI_PAGE_CACHE = _env_bool("GONGKAI_PAGE_CACHE", True)
# Searches running at once on this machine (ADR 0069): one more waits up to GONGKAI_SEARCH_WAIT_MS for a slot,
# then gets "busy, try again" (503), so cached pages keep workers and CPU. Default: the cores less one; 0: no limit.
# Slots are locks on files in GONGKAI_SEARCH_SLOTS_DIR, shared by every worker of the machine.
GONGKAI_SEARCH_SLOTS = int(os.environ.get("GONGKAI_SEARCH_SLOTS", str(max(1, len(os.sched_getaffinity(0)) - 1))))
GONGKAI_SEARCH_WAIT_MS = int(os.environ.get("GONGKAI_SEARCH_WAIT_MS", "20"))
GONGKAI_SEARCH_SLOTS_DIR = Path(os.environ.get("GONGKAI_SEARCH_SLOTS_DIR", VAR_DIR / "search-slots"))
# Ask the websites that published items link to, for the inspection page (off where there is no internet).
GONGKAI_LINK_CHECK = _env_bool("GONGKAI_LINK_CHECK", True)
# Rows per chunk of every long sweep (core/sweeps.py); 0: each sweep's own size (5,000 items for the link
# check and the reindex, 500 pages for a republication, 50 agencies for the report drafts).
GONGKAI_SWEEP_CHUNK = int(os.environ.get("GONGKAI_SWEEP_CHUNK", "0"))

# Uploads, public forms, the link checker and page views (docs/security.md). Text fields of a request are held
# in memory up to DATA_UPLOAD_MAX_MEMORY_SIZE; a file beyond FILE_UPLOAD_MAX_MEMORY_SIZE streams to a temporary
# file (TemporaryFileUploadHandler). Public forms refuse a file beyond the per-file limit and a submission beyond
# the per-submission limit while it arrives (gongkai.core.uploads).
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = int(2.5 * 1024 * 1024)
FILE_UPLOAD_HANDLERS = ["django.core.files.uploadhandler.MemoryFileUploadHandler",
                        "django.core.files.uploadhandler.TemporaryFileUploadHandler"]
GONGKAI_MAX_UPLOAD_BYTES = int(os.environ.get("GONGKAI_MAX_UPLOAD_BYTES", str(50 * 1024 * 1024)))
GONGKAI_PUBLIC_UPLOAD_MAX_FILE_BYTES = int(os.environ.get("GONGKAI_PUBLIC_UPLOAD_MAX_FILE_BYTES",
                                                          str(10 * 1024 * 1024)))
GONGKAI_PUBLIC_UPLOAD_MAX_TOTAL_BYTES = int(os.environ.get("GONGKAI_PUBLIC_UPLOAD_MAX_TOTAL_BYTES",
                                                           str(30 * 1024 * 1024)))
# Text extraction from attachments (search, screening) stops at these bounds and tells the editor.
GONGKAI_EXTRACTION_MAX_BYTES = int(os.environ.get("GONGKAI_EXTRACTION_MAX_BYTES", str(64 * 1024 * 1024)))
GONGKAI_EXTRACTION_MAX_RATIO = int(os.environ.get("GONGKAI_EXTRACTION_MAX_RATIO", "100"))
GONGKAI_EXTRACTION_SECONDS = float(os.environ.get("GONGKAI_EXTRACTION_SECONDS", "20"))
# Redaction for 部分公开 (cases.redaction): the largest file and page count taken, the LibreOffice command that
# turns DOCX/XLSX into PDF and its time limit, the resolution of the page previews.
GONGKAI_REDACTION_MAX_BYTES = int(os.environ.get("GONGKAI_REDACTION_MAX_BYTES", str(30 * 1024 * 1024)))
GONGKAI_REDACTION_MAX_PAGES = int(os.environ.get("GONGKAI_REDACTION_MAX_PAGES", "300"))
GONGKAI_SOFFICE = os.environ.get("GONGKAI_SOFFICE", "soffice")
GONGKAI_CONVERT_SECONDS = float(os.environ.get("GONGKAI_CONVERT_SECONDS", "120"))
GONGKAI_REDACTION_PREVIEW_DPI = int(os.environ.get("GONGKAI_REDACTION_PREVIEW_DPI", "80"))
# The link checker asks only public internet addresses; loopback may be allowed for tests only.
GONGKAI_LINK_CHECK_ALLOW_LOOPBACK = _env_bool("GONGKAI_LINK_CHECK_ALLOW_LOOPBACK", False)

EMAIL_BACKEND = os.environ.get(
    "GONGKAI_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("GONGKAI_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("GONGKAI_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("GONGKAI_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("GONGKAI_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = _env_bool("GONGKAI_EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("GONGKAI_DEFAULT_FROM_EMAIL", "gongkai@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_TIMEOUT = int(os.environ.get("GONGKAI_EMAIL_TIMEOUT", "30"))
# The outbox (core/outbox.py): attempts before a failed message waits for staff, and the first retry delay.
GONGKAI_OUTBOX_MAX_ATTEMPTS = int(os.environ.get("GONGKAI_OUTBOX_MAX_ATTEMPTS", "8"))
GONGKAI_OUTBOX_RETRY_SECONDS = int(os.environ.get("GONGKAI_OUTBOX_RETRY_SECONDS", "60"))
# SMS (core/sms.py): the gateway ("console", "file", "http" or empty for none), its settings, the quiet hours.
GONGKAI_SMS_BACKEND = os.environ.get("GONGKAI_SMS_BACKEND", "console" if DEBUG else "")
GONGKAI_SMS_FILE = os.environ.get("GONGKAI_SMS_FILE", str(VAR_DIR / "sms.jsonl"))
GONGKAI_SMS_HTTP_URL = os.environ.get("GONGKAI_SMS_HTTP_URL", "")
GONGKAI_SMS_HTTP_KEY = os.environ.get("GONGKAI_SMS_HTTP_KEY", "")
GONGKAI_SMS_HTTP_SECRET = os.environ.get("GONGKAI_SMS_HTTP_SECRET", "")
GONGKAI_SMS_HTTP_SENDER = os.environ.get("GONGKAI_SMS_HTTP_SENDER", "")
GONGKAI_SMS_HTTP_TIMEOUT = float(os.environ.get("GONGKAI_SMS_HTTP_TIMEOUT", "10"))
GONGKAI_SMS_QUIET_HOURS = os.environ.get("GONGKAI_SMS_QUIET_HOURS", "22:00-08:00")
# The applicant's own page (cases/services_applicant.py): one-time codes.
GONGKAI_APPLICANT_CODE_MINUTES = int(os.environ.get("GONGKAI_APPLICANT_CODE_MINUTES", "10"))
GONGKAI_APPLICANT_CODE_ATTEMPTS = int(os.environ.get("GONGKAI_APPLICANT_CODE_ATTEMPTS", "5"))
GONGKAI_APPLICANT_CODES_PER_HOUR = int(os.environ.get("GONGKAI_APPLICANT_CODES_PER_HOUR", "3"))
GONGKAI_APPLICANT_SESSION_MINUTES = int(os.environ.get("GONGKAI_APPLICANT_SESSION_MINUTES", "30"))
# Single-flight locks of timed work (core/single_flight.py): "database", or "cache" with a shared cache.
GONGKAI_JOB_LOCK = os.environ.get("GONGKAI_JOB_LOCK", "database")

# Security: strict in production, relaxed only when DEBUG or explicitly told the site is plain HTTP.
_HTTPS = _env_bool("GONGKAI_HTTPS", not DEBUG)
SESSION_COOKIE_SECURE = _HTTPS
CSRF_COOKIE_SECURE = _HTTPS
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 8 * 3600
SECURE_SSL_REDIRECT = _HTTPS and _env_bool("GONGKAI_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(os.environ.get("GONGKAI_HSTS_SECONDS", "31536000" if _HTTPS else "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = _HTTPS
SECURE_HSTS_PRELOAD = _HTTPS
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy of every response (gongkai.core.security_headers; docs/nginx-gongkai.conf sends the
# same for published files, which also carry it in a <meta> tag). Scripts only from our own static files: the
# templates have no inline script or event handler. Styles allow the templates' inline style attributes and the
# few <style> blocks of report pages (the dashboard's chart boxes take their size from one: without it ECharts
# draws at zero height); an injected style cannot run code, and scripts stay 'self' only.
# Images may come from other https sites: published bodies keep pictures hosted on older government sites.
GONGKAI_CSP = os.environ.get("GONGKAI_CSP", "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: https:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
]))
# Responses under these paths show personal data (applicants, writers, staff): "Cache-Control: no-store,
# private". The portal's private pages say so in their URLconf (never_cache).
GONGKAI_NO_STORE_PATHS = ("/staff/", "/django-admin/")

# Working-day convention (spec §7.1, UNCONFIRMED): count from the day after the start date.
GONGKAI_COUNT_FROM_NEXT_DAY = _env_bool("GONGKAI_COUNT_FROM_NEXT_DAY", True)

# Remedy notices (cases.domain.remedies). UNCONFIRMED whether 无法提供 / 不予处理 answers take 复议前置 under
# 行政复议法 (2023) art. 23 ¶1 (四): "choice" (复议或诉讼, default) or "precondition". Read by cases.conf.
GONGKAI_REMEDY_UNABLE = os.environ.get("GONGKAI_REMEDY_UNABLE", "choice")
GONGKAI_REMEDY_NOT_PROCESSED = os.environ.get("GONGKAI_REMEDY_NOT_PROCESSED", "choice")
# Agency code → the 复议机关 letters name, for vertical systems (行政复议法 art. 27: 上一级主管部门): a JSON object.
# Parsed and checked by cases.conf.review_body_overrides.
GONGKAI_REVIEW_BODIES = os.environ.get("GONGKAI_REVIEW_BODIES", "")

# Personal data at rest (条例 art. 15; PIPL): var/, the SQLite file and uploads (applicants' ID scans) are the
# service user's only: directories 0700, files 0600.
FILE_UPLOAD_PERMISSIONS = PRIVATE_FILE
FILE_UPLOAD_DIRECTORY_PERMISSIONS = PRIVATE_DIRECTORY
private_directory(VAR_DIR)
if DATABASES["default"]["ENGINE"].endswith("sqlite3") and DATABASES["default"]["NAME"] != ":memory:":
    private_file(Path(DATABASES["default"]["NAME"]))
# Applicants' ID numbers are encrypted in the database (Fernet). Keys: comma-separated, the first encrypts, all
# decrypt (rotation); without any, one is generated into var/personal_data_key (0600) on first use. The blind
# index that finds an applicant's earlier cases is keyed as well (var/applicant_index_key unless given).
GONGKAI_PERSONAL_DATA_KEYS = _env_list("GONGKAI_PERSONAL_DATA_KEYS", "")
GONGKAI_APPLICANT_INDEX_KEY = os.environ.get("GONGKAI_APPLICANT_INDEX_KEY", "")

# Mailbox replies are due within this many working days (issue: engagement; configurable, default 5).
GONGKAI_MAILBOX_REPLY_WORKING_DAYS = int(os.environ.get("GONGKAI_MAILBOX_REPLY_WORKING_DAYS", "5"))
# 我为政府网站找错: working days to answer a report on the site (UNCONFIRMED: gongkai.sites.domain.error_reports).
GONGKAI_ERROR_REPORT_REPLY_WORKING_DAYS = int(os.environ.get("GONGKAI_ERROR_REPORT_REPLY_WORKING_DAYS", "3"))
# nginx's access log in the gongkai_visits format (docs/nginx-gongkai.conf): the timed job counts the visits
# of the pages nginx served from the static copy. Empty: the application counts only what it serves.
GONGKAI_NGINX_ACCESS_LOG = os.environ.get("GONGKAI_NGINX_ACCESS_LOG", "")
# Reverse proxies whose X-Real-IP header is believed (addresses or networks, comma-separated); from any other
# peer the header is ignored. See gongkai.core.client_address and docs/nginx-gongkai.conf.
GONGKAI_TRUSTED_PROXIES = _env_list("GONGKAI_TRUSTED_PROXIES", "")

GONGKAI_PLATFORM_NAME = _("政府信息公开平台")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # gongkai.core.log_filters: no private-link secret in any line; a 403 is one warning line, no traceback.
    "filters": {
        "redact_private_paths": {"()": "gongkai.core.log_filters.RedactPrivatePaths"},
        "no_403_traceback": {"()": "gongkai.core.log_filters.PermissionDeniedWithoutTraceback"},
        "request_id": {"()": "gongkai.core.request_id.RequestIdFilter"},
    },
    # GONGKAI_LOG_FORMAT=json (production): one JSON object a line (time, level, logger, request_id, message)
    # for a log collector; the default is the message alone, as a terminal shows it.
    "formatters": {
        "plain": {"format": "%(message)s"},
        "json": {"()": "gongkai.core.request_id.JsonFormatter"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["request_id", "redact_private_paths"],
                             "formatter": "json" if os.environ.get("GONGKAI_LOG_FORMAT") == "json" else "plain"}},
    "loggers": {
        # Filters on the logger itself change the record before any handler (Django's own too) sees it.
        "django.request": {"filters": ["no_403_traceback", "redact_private_paths"]},
        "django.security.csrf": {"filters": ["redact_private_paths"]},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("GONGKAI_LOG_LEVEL", "WARNING")},
}
