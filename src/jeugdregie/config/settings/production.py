"""Production: refuses to start with unsafe settings (STYLE.md §Writing 9)."""

from django.core.exceptions import ImproperlyConfigured

from jeugdregie.config.env import env_bool, env_list, env_str

from .base import *  # noqa: F403

DEBUG = False
DEMO_GEBRUIKERS_TOEGESTAAN = False
SECRET_KEY = env_str("DJANGO_SECRET_KEY")
PSEUDONIEM_SLEUTEL = env_str("JEUGDREGIE_PSEUDONIEM_SLEUTEL")
env_str("DATABASE_URL")  # production never falls back to the embedded SQLite

if len(SECRET_KEY) < 50 or SECRET_KEY.startswith("onveilig"):
    raise ImproperlyConfigured("DJANGO_SECRET_KEY is te kort of onveilig (minimaal 50 tekens).")
if len(PSEUDONIEM_SLEUTEL) < 32 or PSEUDONIEM_SLEUTEL.startswith("ontwikkel"):
    raise ImproperlyConfigured("JEUGDREGIE_PSEUDONIEM_SLEUTEL is te kort of onveilig (minimaal 32 tekens).")
if PSEUDONIEM_SLEUTEL == SECRET_KEY:
    raise ImproperlyConfigured("De pseudoniemsleutel mag niet gelijk zijn aan DJANGO_SECRET_KEY.")
# R-P5: two factors are never off in production; password-reset mail goes out by SMTP.
if not JEUGDREGIE_TWEE_FACTOREN:  # noqa: F405
    raise ImproperlyConfigured("JEUGDREGIE_TWEE_FACTOREN staat uit; in productie is de tweede factor verplicht.")
# R-P7 (NEN 7513): production refuses to start with an audit retention under 5 years (the same
# rule is the system check bewaring.E001, which `manage.py check` applies everywhere).
if JEUGDREGIE_BEWAARTERMIJNEN["auditlog"]["jaren"] < 5:  # noqa: F405
    raise ImproperlyConfigured("JEUGDREGIE_AUDIT_BEWAARJAREN is korter dan 5 jaar; NEN 7513 vraagt minstens 5.")
# R-P5 (WebAuthn): the relying party is the public host name; keys only work over https there.
_WEBAUTHN_HOSTS = [h.lstrip(".") for h in ALLOWED_HOSTS if h.lstrip(".") and h != "*" and not h[0].isdigit()]  # noqa: F405
OTP_WEBAUTHN_RP_ID = env_str("JEUGDREGIE_WEBAUTHN_RP_ID", _WEBAUTHN_HOSTS[0] if _WEBAUTHN_HOSTS else "localhost")
OTP_WEBAUTHN_ALLOWED_ORIGINS = env_list("JEUGDREGIE_WEBAUTHN_ORIGINS", f"https://{OTP_WEBAUTHN_RP_ID}")
if any(not origin.startswith("https://") for origin in OTP_WEBAUTHN_ALLOWED_ORIGINS):
    raise ImproperlyConfigured("JEUGDREGIE_WEBAUTHN_ORIGINS: in productie werkt een sleutel alleen via https.")
EMAIL_BACKEND = env_str("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", True)
# Issue 19 §3: notification e-mails link to the public address, over https only.
JEUGDREGIE_BASIS_URL = env_str("JEUGDREGIE_BASIS_URL", f"https://{OTP_WEBAUTHN_RP_ID}")
if not JEUGDREGIE_BASIS_URL.startswith("https://"):
    raise ImproperlyConfigured("JEUGDREGIE_BASIS_URL: de links in meldingsmails gaan in productie via https.")

if JEUGDREGIE_METRICS_TOKEN and len(JEUGDREGIE_METRICS_TOKEN) < 32:  # noqa: F405
    raise ImproperlyConfigured("JEUGDREGIE_METRICS_TOKEN is te kort (minimaal 32 tekens).")

SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
# Issue 17: probes and the Prometheus scrape come over plain http from inside the network
# (compose healthchecks, an orchestrator); a redirect to https would fail them.
SECURE_REDIRECT_EXEMPT = [r"^gezondheid/$", r"^gereedheid/$", r"^metrics$"]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True
