"""Settings shared by every environment. Environment-specific modules stay thin."""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from jeugdregie.config.env import env_list, env_str

SRC_DIR = Path(__file__).resolve().parents[3]
REPO_DIR = SRC_DIR.parent
VAR_DIR = Path(env_str("JEUGDREGIE_VAR_DIR", str(REPO_DIR / "var")))

SECRET_KEY = env_str("DJANGO_SECRET_KEY", "onveilig-alleen-voor-ontwikkeling")
DEBUG = False
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost")

# Key for the BSN pseudonym (R-P3). Kept outside the database; see jeugdigen/pseudoniem.py.
PSEUDONIEM_SLEUTEL = env_str("JEUGDREGIE_PSEUDONIEM_SLEUTEL", "ontwikkel-sleutel-niet-voor-productie")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "jeugdregie.common",
    "jeugdregie.audit",
    "jeugdregie.organisaties",
    "jeugdregie.catalogus",
    "jeugdregie.accounts",
    "jeugdregie.jeugdigen",
    "jeugdregie.toewijzingen",
    "jeugdregie.budgetten",
    "jeugdregie.declaraties",
    "jeugdregie.betalingen",
    "jeugdregie.begroting",
    "jeugdregie.verantwoording",
    "jeugdregie.ijw",
    "jeugdregie.beheersing",
    "jeugdregie.portaal",
    "jeugdregie.synthese",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "jeugdregie.common.request_id.RequestIdMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_USER_MODEL = "accounts.Gebruiker"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "portaal:home"
LOGOUT_REDIRECT_URL = "login"

ROOT_URLCONF = "jeugdregie.config.urls"
WSGI_APPLICATION = "jeugdregie.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SRC_DIR / "jeugdregie" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "jeugdregie.portaal.context_processors.navigatie",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'jeugdregie.sqlite3'}"),
        conn_max_age=60,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("Engels"))]
LOCALE_PATHS = [SRC_DIR / "jeugdregie" / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True  # moments are stored in UTC (STYLE.md §Writing 7)

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

# Uploads are refused above these sizes (bad input changes nothing).
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# Declaration files (CSV/XLSX) and API bodies above this size are refused with DEC110 before they
# are read; the upload page stops storing the file at this size (declaraties/views/uploadgrens.py).
DECLARATIE_MAX_UPLOAD_BYTES = int(env_str("JEUGDREGIE_DECLARATIE_MAX_UPLOAD_BYTES", str(20 * 1024 * 1024)))
# iJw exchange (ijw/README.md): one message, and a zip of messages (entries and unpacked total).
IJW_MAX_BERICHT_BYTES = int(env_str("JEUGDREGIE_IJW_MAX_BERICHT_BYTES", str(32 * 1024 * 1024)))
IJW_MAX_ARCHIEF_BERICHTEN = int(env_str("JEUGDREGIE_IJW_MAX_ARCHIEF_BERICHTEN", "10000"))
IJW_MAX_ARCHIEF_BYTES = int(env_str("JEUGDREGIE_IJW_MAX_ARCHIEF_BYTES", str(2 * 1024 * 1024 * 1024)))
# R-B7: the shortest declaration window (days after an allocation's end) a region may set. The
# iJw standard lets care be declared "in a later declaration period" (OP354) and answers within
# 10 working days (OP090x4); two months leaves a provider one declaration, its answer and a
# correction after the last month. A region's own window (Regio.declaratietermijn_dagen) below
# this is refused.
IJW_DECLARATIETERMIJN_MINIMUM_DAGEN = int(env_str("JEUGDREGIE_IJW_DECLARATIETERMIJN_MINIMUM_DAGEN", "56"))
# Domain events inside a transaction: who listens to what (common/domein.py).
JEUGDREGIE_ABONNEMENTEN = "jeugdregie.abonnementen.IN_TRANSACTIE"

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "jeugdregie.common.api_errors.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Jeugdregie API",
    "DESCRIPTION": "API van Jeugdregie: inkoopmodel jeugdhulp regio IJsselland.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",  # served from our own origin: no CDN, CSP stays strict
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "AanpassingRedenEnum": "jeugdregie.toewijzingen.constants.AanpassingReden",
        "RedenBeeindigingEnum": "jeugdregie.toewijzingen.constants.RedenBeeindiging",
        "KeuzebudgetSoortEnum": "jeugdregie.catalogus.constants.KeuzebudgetSoort",
        "ToewijzingSoortEnum": "jeugdregie.toewijzingen.constants.ToewijzingSoort",
        "CrisisUitkomstEnum": "jeugdregie.toewijzingen.constants.CrisisUitkomst",
        "DeclaratieBronEnum": "jeugdregie.declaraties.constants.DeclaratieBron",
        "BronEnum": "jeugdregie.toewijzingen.constants.CrisisBron",  # keeps its name beside DeclaratieBron
    },
}

# Login throttling (django-axes): 5 failures lock the username+address for 30 minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.5
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True

# Content security policy (django-csp 4): only our own origin, no inline script.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 8 * 60 * 60
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"zonder_bsn": {"()": "jeugdregie.common.logging.RedactBsnFilter"}},
    "formatters": {"gestructureerd": {"()": "jeugdregie.common.logging.KeyValueFormatter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["zonder_bsn"],
            "formatter": "gestructureerd",
        }
    },
    "root": {"handlers": ["console"], "level": "INFO"},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
