"""Locust users of the multi-process load test (bench/meerproces.py starts locust with this file;
issue 17 item 5). Mixed traffic through both application servers at once:

- ``Aanbieder``: a provider's API client (token): declarations via ``/api/v1/declaraties/``, JW323
  messages via ``/api/v1/ijw/berichten/``, and deliberate replays of a message it sent earlier
  (through the other server), which must be answered as a replay and create nothing;
- ``Toegang``: the municipality's worklists (registrations, referrals, iJw worklist) and a
  decision: an open JW315 request taken under investigation (the outbox's JW319);
- ``Beleid``: scorecards of providers and the comparison of municipalities (R-K3, R-P1);
- ``Financieel``: declarations, payment batches and a payment batch's CSV export.

Web users log in through the real login and second-factor pages with a code computed from the
key of the authenticator app the bench enrolled for them (RFC 6238, as the app does); every
locust user has its own bench user, so no 30-second code is used twice. The servers run the
production settings behind an imagined TLS proxy: requests carry ``X-Forwarded-Proto: https``
and a same-origin Referer, and the client keeps the Secure cookies on loopback http.

Environment: ``MEERPROCES_DATA`` (bench/meerprocesdata.py's file), ``MEERPROCES_HOSTS`` (the two
base URLs, comma-separated), ``MEERPROCES_UITSLAG`` (a JSON line per posted message is appended).
"""

from __future__ import annotations

import hashlib
import hmac
import http.cookiejar
import itertools
import json
import os
import random
import struct
import threading
import time

from locust import HttpUser, between, task

DATA = json.loads(open(os.environ["MEERPROCES_DATA"]).read())  # noqa: SIM115 (read once at import)
HOSTS = os.environ["MEERPROCES_HOSTS"].split(",")
UITSLAG = open(os.environ["MEERPROCES_UITSLAG"], "a", buffering=1)  # noqa: SIM115 (open for the run)
_VOLGNUMMERS = {rol: itertools.count() for rol in ("aanbieder", "toegang", "beleid", "financieel")}
_SLOT = threading.Lock()


def _volgende(rol: str) -> dict:
    with _SLOT:
        return DATA[rol][next(_VOLGNUMMERS[rol]) % len(DATA[rol])]


def totp(sleutel_hex: str, moment: float | None = None) -> str:
    """The code an authenticator app shows (RFC 6238: HMAC-SHA1, 30 s, 6 digits; django-otp's)."""
    stap = int((time.time() if moment is None else moment) // 30)
    digest = hmac.new(bytes.fromhex(sleutel_hex), struct.pack(">Q", stap), hashlib.sha1).digest()
    deel = digest[digest[-1] & 0x0F :][:4]
    return f"{(struct.unpack('>I', deel)[0] & 0x7FFFFFFF) % 1_000_000:06d}"


def _ook_over_http(self, cookie, request) -> bool:
    """Secure cookies go back to the loopback servers (TLS ends at the imagined proxy)."""
    return True


# On the class: requests merges the session's cookies into a new jar with the default policy for
# every request, so a policy set on the session's jar would not be used. Only this process.
http.cookiejar.DefaultCookiePolicy.return_ok_secure = _ook_over_http  # type: ignore[method-assign]


class _Basis(HttpUser):
    abstract = True
    host = HOSTS[0]
    wait_time = between(0.5, 2.0)
    _teller = itertools.count()

    def on_start(self) -> None:
        nummer = next(_Basis._teller)
        self.basis = HOSTS[nummer % len(HOSTS)]
        self.ander = HOSTS[(nummer + 1) % len(HOSTS)]

    def _koppen(self, pad: str) -> dict[str, str]:
        return {"X-Forwarded-Proto": "https", "Referer": f"https://{self.basis.split('://', 1)[1]}{pad}"}

    def get(self, pad: str, naam: str, soort: str = "text/html") -> None:
        with self.client.get(self.basis + pad, headers=self._koppen(pad), name=naam, catch_response=True) as r:
            if r.status_code != 200:
                r.failure(f"status {r.status_code}")
            elif "/inloggen/" in r.url:
                r.failure(f"niet ingelogd: {r.url}")
            elif soort not in r.headers.get("Content-Type", ""):
                r.failure(f"geen {soort}: {r.url}")


class _Web(_Basis):
    abstract = True
    rol = ""

    def on_start(self) -> None:
        super().on_start()
        login = _volgende(self.rol)
        pad = "/inloggen/"
        self.client.get(self.basis + pad, headers=self._koppen(pad), name="inloggen formulier")
        token = self.client.cookies.get("csrftoken", "")
        velden = {"username": login["gebruikersnaam"], "password": login["wachtwoord"], "csrfmiddlewaretoken": token}
        self.client.post(self.basis + pad, data=velden, headers=self._koppen(pad), name="inloggen")
        pad = "/inloggen/tweede-factor/"
        token = self.client.cookies.get("csrftoken", "")
        velden = {"code": totp(login["totp_sleutel"]), "csrfmiddlewaretoken": token}
        with self.client.post(
            self.basis + pad, data=velden, headers=self._koppen(pad), name="tweede factor", catch_response=True
        ) as r:
            if "tweede-factor" in r.url or "inloggen" in r.url:
                r.failure(f"niet ingelogd: {r.url}")


class Aanbieder(_Basis):
    weight = 3

    def on_start(self) -> None:
        super().on_start()
        self.slot = _volgende("aanbieder")
        self.declaraties = iter(self.slot["declaraties"])
        self.berichten = iter(self.slot["jw323"])
        self.verstuurd: list[tuple[str, dict]] = []
        self.client.headers["Authorization"] = f"Token {self.slot['token']}"

    def _noteer(self, soort: str, bericht: dict, status: int, herhaald: bool, host: str) -> None:
        regel = {
            "gebruiker": self.slot["gebruikersnaam"],
            "soort": soort,
            "nummer": bericht["nummer"],
            "identificatie": bericht.get("identificatie", ""),
            "status": status,
            "herhaald": herhaald,
            "host": host,
        }
        UITSLAG.write(json.dumps(regel) + "\n")

    def _declareer(self, d: dict, host: str, naam: str) -> None:
        with self.client.post(f"{host}/api/v1/declaraties/", json=d, name=naam, catch_response=True) as r:
            if r.status_code not in (200, 201):
                r.failure(f"status {r.status_code}: {r.text[:200]}")
            self._noteer("declaratie", d, r.status_code, r.status_code == 200, host)

    def _jw323(self, m: dict, host: str, naam: str) -> None:
        koppen = {"Content-Type": "application/xml"}
        with self.client.post(
            f"{host}/api/v1/ijw/berichten/", data=m["xml"].encode(), headers=koppen, name=naam, catch_response=True
        ) as r:
            herhaald = r.headers.get("X-Ijw-Herhaling") == "true"
            if r.status_code != 200:
                r.failure(f"status {r.status_code}: {r.text[:200]}")
            self._noteer("jw323", m, r.status_code, herhaald, host)

    @task(4)
    def declaratie(self) -> None:
        d = next(self.declaraties, None)
        if d is not None:
            self._declareer(d, self.basis, "API declaratie")
            self.verstuurd.append(("declaratie", d))

    @task(4)
    def jw323(self) -> None:
        m = next(self.berichten, None)
        if m is not None:
            self._jw323(m, self.basis, "API JW323")
            self.verstuurd.append(("jw323", m))

    @task(2)
    def herhaling(self) -> None:
        """The same message again, through the other server: the first answer, nothing new."""
        if not self.verstuurd:
            return
        soort, bericht = random.choice(self.verstuurd)
        if soort == "declaratie":
            self._declareer(bericht, self.ander, "API declaratie herhaald")
        else:
            self._jw323(bericht, self.ander, "API JW323 herhaald")

    @task(1)
    def declaraties_lezen(self) -> None:
        self.get("/api/v1/declaraties/", "API declaraties lijst", soort="application/json")


_VERZOEKEN = list(DATA["verzoeken"])


class Toegang(_Web):
    weight = 2
    rol = "toegang"

    @task(1)
    def besluit(self) -> None:
        """Take an open JW315 request under investigation (the outbox owes the provider a JW319)."""
        with _SLOT:
            pk = _VERZOEKEN.pop() if _VERZOEKEN else None
        if pk is None:
            return
        pad = f"/route/verzoeken/{pk}/onderzoek/"
        self.get(pad, "besluit formulier")
        velden = {"csrfmiddlewaretoken": self.client.cookies.get("csrftoken", "")}
        with self.client.post(
            self.basis + pad, data=velden, headers=self._koppen(pad), name="besluit in onderzoek", catch_response=True
        ) as r:
            if r.status_code != 200 or "/inloggen/" in r.url or r.url.endswith("/onderzoek/"):
                r.failure(f"status {r.status_code}: {r.url}")

    @task(3)
    def werkvoorraad(self) -> None:
        self.get("/route/aanmeldingen/werkvoorraad/", "werkvoorraad aanmeldingen")

    @task(2)
    def verwijzingen(self) -> None:
        self.get("/route/", "werkvoorraad verwijzingen")

    @task(1)
    def ijw(self) -> None:
        self.get("/ijw/", "iJw berichten")


class Beleid(_Web):
    weight = 2
    rol = "beleid"

    @task(3)
    def scorekaart(self) -> None:
        self.get(f"/beheersing/aanbieders/{random.choice(DATA['scorekaarten'])}/scorekaart/", "scorekaart")

    @task(1)
    def scorekaarten(self) -> None:
        self.get("/beheersing/aanbieders/", "scorekaarten")

    @task(2)
    def vergelijking(self) -> None:
        self.get("/beheersing/gemeenten/", "vergelijking gemeenten")


class Financieel(_Web):
    weight = 1
    rol = "financieel"

    @task(2)
    def declaraties(self) -> None:
        self.get("/declaraties/", "declaraties lijst")

    @task(1)
    def batches(self) -> None:
        self.get("/betalingen/", "betaalbatches")

    @task(1)
    def export(self) -> None:
        if DATA["betaalbatches"]:
            pad = f"/betalingen/{random.choice(DATA['betaalbatches'])}/csv/"
            self.get(pad, "export betaalbatch csv", soort="text/csv")
