"""Settings shared by every environment. Environment-specific modules stay thin."""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

from jeugdregie.config.env import env_bool, env_date, env_list, env_str
from jeugdregie.config.opslag import documentopslag

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
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "django_otp",  # R-P5: second factor (TOTP app and recovery codes), accounts/tweefactor.py
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_otp_webauthn",  # R-P5: a security key or passkey (WebAuthn) as the second factor, accounts/webauthn.py
    "jeugdregie.common",
    "jeugdregie.audit",
    "jeugdregie.organisaties",
    "jeugdregie.catalogus",
    "jeugdregie.accounts",
    "jeugdregie.gebruikersbeheer",  # R-P5: user management screens of the functioneel beheerder
    "jeugdregie.jeugdigen",
    "jeugdregie.gezin",  # issue 20 §1: parents, gezag, consent (Jeugdwet 7.3.4)
    "jeugdregie.verwijzingen",  # split off toewijzingen (issue 16 §3)
    "jeugdregie.toewijzingen",
    "jeugdregie.crisis",  # split off toewijzingen (issue 16 §3)
    "jeugdregie.wonen",
    "jeugdregie.verzoeken",
    "jeugdregie.hulpverlening",
    "jeugdregie.hswv",
    "jeugdregie.overdracht",
    "jeugdregie.beschikkingen",  # issue 20 §2, R-D1: the letter of each toegang decision
    "jeugdregie.bezwaar",  # issue 20 §3, R-D2: bezwaar and beroep
    "jeugdregie.casusregie",  # issue 22 §4, R-R3: casusregie in four steps
    "jeugdregie.taakgericht",  # issue 22 §2, R-R2: taakgerichte opdrachten (MVS)
    "jeugdregie.budgetten",
    "jeugdregie.declaraties",
    "jeugdregie.betalingen",
    "jeugdregie.begroting",
    "jeugdregie.verantwoording",
    "jeugdregie.ijw",
    "jeugdregie.beheersing",
    "jeugdregie.bewaring",  # R-P7 retention and data-subject rights
    "jeugdregie.documenten",  # issue 20 §4: documents of a child, referral or allocation
    "jeugdregie.portaal",
    "jeugdregie.tokens",  # R-P8: expiring API tokens (replaces rest_framework.authtoken)
    "jeugdregie.taken",  # issue 17 part B: leases and runs of the Celery tasks
]

MIDDLEWARE = [
    "jeugdregie.gezondheid.metrics.MetricsMiddleware",  # issue 17: first, so it counts every answer
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "jeugdregie.common.request_id.RequestIdMiddleware",
    "jeugdregie.common.cache_control.NoStoreMiddleware",  # R-P8: below WhiteNoise, so static files keep caching
    "jeugdregie.common.throttling.ApiAdresLimietMiddleware",  # R-P8: API calls per address, before authentication
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # R-P5: session lifetime and the second factor (accounts/middleware.py)
    "django_otp.middleware.OTPMiddleware",
    "jeugdregie.accounts.middleware.SessieDuurMiddleware",
    "jeugdregie.accounts.middleware.TweeFactorMiddleware",
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
                "jeugdregie.verwijzingen.context_processors.meldingen",  # issue 19 §3: unread count
            ],
            # Issue 19 §5: the Dutch number filters (euro, bedrag, getal, procent) in every template;
            # §6: the code registry's labels and explanations (code, code_label, codes).
            "builtins": ["jeugdregie.common.templatetags.opmaak", "jeugdregie.portaal.templatetags.codes"],
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
# Issue 20 §4: uploaded documents (documenten/README.md, config/opslag.py): local files under
# MEDIA_ROOT by default, an S3-compatible object store with JEUGDREGIE_DOCUMENTOPSLAG=s3. Never
# served from MEDIA_URL: every download goes through the application (policy and audit row).
MEDIA_ROOT = Path(env_str("JEUGDREGIE_MEDIA_DIR", str(VAR_DIR / "media")))
MEDIA_URL = "/media/"
# "default" follows the same configuration: every file the application keeps (documents, letters)
# is in one place.
STORAGES = {
    "default": documentopslag(),
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
    "documenten": documentopslag(),
}
# Issue 20 §4: a document above this size is refused with DOC003 (and nothing is stored).
JEUGDREGIE_DOCUMENT_MAX_BYTES = int(env_str("JEUGDREGIE_DOCUMENT_MAX_BYTES", str(10 * 1024 * 1024)))

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
# correction after the last month. A region's own window (its rule set's declaratietermijn_dagen, R-R1) below
# this is refused.
IJW_DECLARATIETERMIJN_MINIMUM_DAGEN = int(env_str("JEUGDREGIE_IJW_DECLARATIETERMIJN_MINIMUM_DAGEN", "56"))
# --- R-P7 retention and issue 14 §7 small-cell suppression (bewaring/README.md) ---
# Retention per data class (bewaring/termijnen.py). `manage.py check` refuses an audit term
# under 5 years (NEN 7513). Per-region overrides: JEUGDREGIE_BEWAARTERMIJNEN_PER_REGIO =
# {"<regio code>": {"jeugdhulpdossier": {"jaren_na_einde_zorg": 20}}}.
JEUGDREGIE_BEWAARTERMIJNEN = {
    "jeugdhulpdossier": {"jaren_na_einde_zorg": 15},  # Jeugdwet 7.3.8
    "jeugdbescherming": {"meerderjarig_op": 18, "jaren_na_meerderjarigheid": 30},  # OTS/voogdij
    "financieel": {"jaren_na_boekjaar": 7},  # fiscal record keeping
    "auditlog": {"jaren": int(env_str("JEUGDREGIE_AUDIT_BEWAARJAREN", "5"))},  # NEN 7513: at least 5
}
JEUGDREGIE_BEWAARTERMIJNEN_PER_REGIO: dict = {}
# Aggregates: a cell counting fewer children than this is suppressed (common/onthulling.py; CBS: 5).
JEUGDREGIE_ONTHULLINGSDREMPEL = int(env_str("JEUGDREGIE_ONTHULLINGSDREMPEL", "5"))
# --- end R-P7 ---
# Domain events inside a transaction: who listens to what (common/domein.py).
JEUGDREGIE_ABONNEMENTEN = "jeugdregie.abonnementen"
# The audit rows of the scoping mixin (common/scoping.py, R-P2): the module that writes them.
JEUGDREGIE_TOEGANGSLOG = "jeugdregie.audit.toegangslog"
# R-P6 (audit): the PostgreSQL role the application connects as; `manage.py audit rechten`
# (run as the schema owner after migrate) lets it only INSERT and SELECT the audit log.
# See docs/beheer/backup.md.
APP_DB_ROL = env_str("JEUGDREGIE_APP_DB_ROL", "")

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "jeugdregie.accounts.api_auth.VerifieerdeSessieAuthenticatie",  # session + second factor (R-P5)
        "jeugdregie.tokens.authentication.VerlopendeTokenAuthentication",  # R-P8
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "jeugdregie.common.api_errors.exception_handler",
    # R-P8: API rate limits per user and per anonymous address (DRF), and per address for every
    # call ("adres", common/throttling.ApiAdresLimietMiddleware). Counted in the shared cache
    # (CACHES["gedeeld"]), so every process of an installation counts the same calls.
    "DEFAULT_THROTTLE_CLASSES": [
        "jeugdregie.common.throttling.GebruikerThrottle",
        "jeugdregie.common.throttling.AnoniemThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "user": env_str("JEUGDREGIE_API_LIMIET_GEBRUIKER", "600/minute"),
        "anon": env_str("JEUGDREGIE_API_LIMIET_ANONIEM", "30/minute"),
        "adres": env_str("JEUGDREGIE_API_LIMIET_ADRES", "1200/minute"),
    },
}
# R-P8: counters that must hold across processes (the API rate limits) live in the database that
# every process of an installation shares; the table is made by common/migrations. The default
# cache stays per process (it holds nothing that a limit or a rule depends on).
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "gedeeld": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "jeugdregie_gedeelde_cache"},
    # Issue 17 part B: drawn charts (beheersing/grafieken.py), shared by every process, so the
    # worker's pre-rendering (jeugdregie.grafieken_vooraf) spares the web processes the drawing.
    "grafieken": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "jeugdregie_grafieken_cache",
        "OPTIONS": {"MAX_ENTRIES": 50000},
    },
}
# Issue 17 (gezondheid/, docs/ops/monitoring.md): /metrics answers only with
# "Authorization: Bearer <token>" and does not exist (404) while no token is set; the readiness
# page reports the analytics rollup as stale after this many hours (not critical for readiness).
JEUGDREGIE_METRICS_TOKEN = env_str("JEUGDREGIE_METRICS_TOKEN", "")
JEUGDREGIE_GEZONDHEID_VERVERSING_MAX_UREN = int(env_str("JEUGDREGIE_GEZONDHEID_VERVERSING_MAX_UREN", "36"))
# Issue 17 part B (jeugdregie/celery.py, docs/ops/planning.md): background work on Celery.
# With CELERY_BROKER_URL (redis://…) worker, beat and web share Redis; without it the embedded
# default, kombu's filesystem transport in var/celery/ (one machine; ./scripts/run).
JEUGDREGIE_BROKER_INGEBOUWD = env_str("CELERY_BROKER_URL", "") == ""
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", "filesystem://")
if JEUGDREGIE_BROKER_INGEBOUWD:
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(VAR_DIR / "celery" / "berichten"),
        "data_folder_out": str(VAR_DIR / "celery" / "berichten"),
        "control_folder": str(VAR_DIR / "celery" / "besturing"),
    }
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_IGNORE_RESULT = True  # tasks record their runs in the database (taken.Taakuitvoering)
CELERY_TASK_ACKS_LATE = True  # a job whose worker died is delivered again; the tasks are idempotent
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1  # long jobs: a worker reserves one at a time
CELERY_TIMEZONE = "Europe/Amsterdam"  # the beat schedule's clock times are Dutch times
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
# A static schedule (no django-celery-beat): changing a time is a release. docs/ops/planning.md.
CELERY_BEAT_SCHEDULE = {
    "rollup-wachtrij": {"task": "jeugdregie.rollup_wachtrij", "schedule": 300.0},
    "ijw-uitbox": {"task": "jeugdregie.ijw_uitbox", "schedule": 600.0},
    "rollup-volledig": {"task": "jeugdregie.rollup_volledig", "schedule": crontab(hour=2, minute=30)},
    "budgetten-vrijgeven": {"task": "jeugdregie.budgetten_vrijgeven", "schedule": crontab(hour=3, minute=30)},
    "bewaring-opschonen": {"task": "jeugdregie.bewaring_opschonen", "schedule": crontab(hour=4, minute=0)},
    # also sent after each rebuild and each queue run that moved figures; this one is the safety net
    "grafieken-vooraf": {"task": "jeugdregie.grafieken_vooraf", "schedule": crontab(hour=6, minute=0)},
    # issue 17 §2: the iJw answer deadlines due by the next working day, before the toegang starts
    "termijnherinneringen": {"task": "jeugdregie.termijnherinneringen", "schedule": crontab(hour=7, minute=0)},
    "taakruns-opruimen": {"task": "jeugdregie.taakruns_opruimen", "schedule": crontab(hour=4, minute=30)},
}
# The task run log (taken.Taakuitvoering) keeps this many days; it grows with every intake.
JEUGDREGIE_TAAKRUNS_BEWAARDAGEN = int(env_str("JEUGDREGIE_TAAKRUNS_BEWAARDAGEN", "30"))
# Issue 18, ADR 0011: the rollup's engine (DuckDB in the worker's process) — its memory limit
# (beyond it DuckDB spills to the temporary directory) and its threads (0: one per core).
JEUGDREGIE_REKENKERN_GEHEUGEN = env_str("JEUGDREGIE_REKENKERN_GEHEUGEN", "4GB")
JEUGDREGIE_REKENKERN_DRADEN = int(env_str("JEUGDREGIE_REKENKERN_DRADEN", "0"))
# Issue 18 (W2): the garbage collector's first threshold (allocations between young-generation
# collections; Python's default 700) for every process that loads Django. A bulk intake
# allocates a dict per line; at 700 the collector runs hundreds of times per queue and its full
# collections walk the whole heap of a loaded Django process (≈10 % of an intake, measured). The
# objects of start-up are frozen out of the collector's walks (``common.apps``).
JEUGDREGIE_GC_DREMPEL = int(env_str("JEUGDREGIE_GC_DREMPEL", "50000"))
# Issue 18 (W2): ``common.vaste_query`` also runs the plain queryset on every call and refuses a
# difference (on in the test settings: the whole suite checks every compiled query; off here).
JEUGDREGIE_VASTE_QUERY_CONTROLE = False
# Issue 19 §7: the synthetic "now" of `manage.py genereer_regio` (scripts/run's demo region);
# unset: the day it runs (Amsterdam), so the demo's default periods have data. Set it (JJJJ-MM-DD)
# to generate the same demo whatever the day; `--peildatum` overrides it.
JEUGDREGIE_DEMO_PEILDATUM = env_date("JEUGDREGIE_DEMO_PEILDATUM")
# Issue 18: threads judging the blocks of a large JW323 with the standard's stylesheet (0: one per core).
JEUGDREGIE_IJW_DRADEN = int(env_str("JEUGDREGIE_IJW_DRADEN", "0"))
# R-P7: the nightly retention task anonymises what expired only when this is on (else a report).
JEUGDREGIE_BEWARING_UITVOEREN = env_bool("JEUGDREGIE_BEWARING_UITVOEREN", False)
# /gereedheid/: the rollup queue's oldest month older than this is reported (not critical), and
# the last successful nightly rebuild older than JEUGDREGIE_GEZONDHEID_VERVERSING_MAX_UREN.
JEUGDREGIE_GEZONDHEID_WACHTRIJ_MAX_MINUTEN = int(env_str("JEUGDREGIE_GEZONDHEID_WACHTRIJ_MAX_MINUTEN", "30"))
# /gereedheid/ runs its checks at most once per this many seconds per web process (probes from
# several load balancers would otherwise each build the migration graph); 0 turns it off.
JEUGDREGIE_GEREEDHEID_CACHE_SECONDEN = float(env_str("JEUGDREGIE_GEREEDHEID_CACHE_SECONDEN", "10"))
# R-P8: API tokens expire after this many days (jeugdregie/tokens).
API_TOKEN_GELDIGHEID_DAGEN = int(env_str("JEUGDREGIE_API_TOKEN_GELDIGHEID_DAGEN", "90"))
SPECTACULAR_SETTINGS = {
    "TITLE": "Jeugdregie API",
    "DESCRIPTION": "API van Jeugdregie: inkoopmodel jeugdhulp regio IJsselland.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # R-P8: schema and docs only for logged-in users (token first: an anonymous call gets 401).
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SERVE_AUTHENTICATION": [
        "jeugdregie.tokens.authentication.VerlopendeTokenAuthentication",
        "jeugdregie.accounts.api_auth.VerifieerdeSessieAuthenticatie",
    ],
    "SWAGGER_UI_DIST": "SIDECAR",  # served from our own origin: no CDN, CSP stays strict
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "AanpassingRedenEnum": "jeugdregie.toewijzingen.constants.AanpassingReden",
        "RedenBeeindigingEnum": "jeugdregie.toewijzingen.constants.RedenBeeindiging",
        "KeuzebudgetSoortEnum": "jeugdregie.catalogus.constants.KeuzebudgetSoort",
        "ToewijzingSoortEnum": "jeugdregie.toewijzingen.constants.ToewijzingSoort",
        "CrisisUitkomstEnum": "jeugdregie.crisis.constants.CrisisUitkomst",
        "DeclaratieBronEnum": "jeugdregie.declaraties.constants.DeclaratieBron",
        "BronEnum": "jeugdregie.crisis.constants.CrisisBron",  # keeps its name beside DeclaratieBron
        "OnderdeelEnum": "jeugdregie.catalogus.constants.Onderdeel",  # also a waiting time's category (R-S6)
    },
}

# Login throttling (django-axes): 5 failures lock the username+address for 30 minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.5
# R-P8: and one address is locked after AXES_ADRES_FAILURE_LIMIT failures over any usernames
# within the same 30 minutes (password spraying); common/throttling.AdresEnGebruikerHandler.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_ADRES_FAILURE_LIMIT = int(env_str("JEUGDREGIE_AXES_ADRES_FAILURE_LIMIT", "20"))
AXES_HANDLER = "jeugdregie.common.throttling.AdresEnGebruikerHandler"
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
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # R-P8: the development server's access log goes through the BSN filter too (Django's own
        # handler for it has no filter).
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}

# --- Login (R-P5, accounts/README.md) ---------------------------------------------------------
# Two factors for every account that reads personal data or the audit log
# (accounts/constants.py ROLLEN_MET_TWEE_FACTOREN). Production refuses to start with them off.
JEUGDREGIE_TWEE_FACTOREN = env_bool("JEUGDREGIE_TWEE_FACTOREN", True)
OTP_TOTP_ISSUER = "Jeugdregie"
# WebAuthn (django-otp-webauthn): a security key or passkey as the second factor, never instead of
# the password (no passwordless login). The relying party id is the host name the browser shows;
# a key registered for one id works for that host (and its subdomains) only. Browsers accept no IP
# address as id, so the demo uses http://localhost:8000 (localhost is a secure context, so plain
# http works there; every other origin must be https). Production derives both from
# DJANGO_ALLOWED_HOSTS unless set, and refuses an origin that is not https (production.py).
OTP_WEBAUTHN_RP_ID = env_str("JEUGDREGIE_WEBAUTHN_RP_ID", "localhost")
OTP_WEBAUTHN_RP_NAME = env_str("JEUGDREGIE_WEBAUTHN_RP_NAAM", "Jeugdregie")
OTP_WEBAUTHN_ALLOWED_ORIGINS = env_list("JEUGDREGIE_WEBAUTHN_ORIGINS", "http://localhost:8000")
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False
OTP_WEBAUTHN_HELPER_CLASS = "jeugdregie.accounts.webauthn.SleutelHelper"
# A session ends after this many minutes without a request, and after this many hours in all.
JEUGDREGIE_SESSIE_INACTIEF_MINUTEN = int(env_str("JEUGDREGIE_SESSIE_INACTIEF_MINUTEN", "15"))
JEUGDREGIE_SESSIE_MAX_UREN = int(env_str("JEUGDREGIE_SESSIE_MAX_UREN", "10"))
SESSION_COOKIE_AGE = JEUGDREGIE_SESSIE_MAX_UREN * 60 * 60
# Password reset by e-mail (Django's views, templates/registration/password_reset_*).
EMAIL_BACKEND = env_str("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(env_str("DJANGO_EMAIL_PORT", "25"))
DEFAULT_FROM_EMAIL = env_str("DJANGO_DEFAULT_FROM_EMAIL", "jeugdregie@localhost")
# Issue 19 §3: the address users reach Jeugdregie on; notification e-mails link to it (the
# item's page after login). No trailing slash needed.
JEUGDREGIE_BASIS_URL = env_str("JEUGDREGIE_BASIS_URL", "http://localhost:8000")
PASSWORD_RESET_TIMEOUT = 60 * 60  # a reset link works for one hour
# Single sign-on for municipal staff with the municipality's OpenID Connect provider
# (accounts/oidc.py). On when the provider's endpoints are set.
OIDC_OP_AUTHORIZATION_ENDPOINT = env_str("JEUGDREGIE_OIDC_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = env_str("JEUGDREGIE_OIDC_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = env_str("JEUGDREGIE_OIDC_USERINFO_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = env_str("JEUGDREGIE_OIDC_JWKS_ENDPOINT", "")
OIDC_RP_CLIENT_ID = env_str("JEUGDREGIE_OIDC_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = env_str("JEUGDREGIE_OIDC_CLIENT_SECRET", "")
OIDC_RP_SIGN_ALGO = "RS256"
OIDC_RP_SCOPES = "openid profile email"
OIDC_CALLBACK_CLASS = "jeugdregie.accounts.oidc.GemeenteCallbackView"
OIDC_TIMEOUT = 10
# A provider that signs with one key may leave out its key id ("kid"); only then set this off.
OIDC_VERIFY_KID = env_bool("JEUGDREGIE_OIDC_VERIFY_KID", True)
LOGIN_REDIRECT_URL_FAILURE = "/inloggen/"  # mozilla-django-oidc takes a path here, not a URL name
JEUGDREGIE_OIDC_AAN = bool(OIDC_OP_AUTHORIZATION_ENDPOINT)
if JEUGDREGIE_OIDC_AAN:
    AUTHENTICATION_BACKENDS = [*AUTHENTICATION_BACKENDS, "jeugdregie.accounts.oidc.GemeenteOIDCBackend"]
