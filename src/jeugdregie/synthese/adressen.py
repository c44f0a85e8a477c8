"""Synthetic contact data of the young people (issue 15 §2): a woonadres for everyone in the
kernels and postcode areas of their municipality, a mobile number for most, a correspondence
address for a few, and a few deliberately without any address or phone, so the toegang's
worklist "Adres ontbreekt" shows in the demo.

Deterministic per seed with its own random stream (``Adressen(seed)``), so adding addresses
does not change any other generated value. The addresses start with the residence (or at a
move within the municipality before the peildatum) and are open-ended, so they are current
whatever day the demo runs. Street names are common Dutch ones; the postcode areas (4 digits)
are those of the real places in IJsselland; a municipality elsewhere (``--schaal`` above 1)
gets a fictitious area derived from its CBS code."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

# municipality → (place, first and last postcode area)
PLAATSEN: dict[str, tuple[tuple[str, int, int], ...]] = {
    "Dalfsen": (("Dalfsen", 7721, 7722), ("Nieuwleusen", 7711, 7711), ("Lemelerveld", 8151, 8152)),
    "Deventer": (("Deventer", 7411, 7429), ("Bathmen", 7437, 7437), ("Schalkhaar", 7433, 7433)),
    "Hardenberg": (("Hardenberg", 7771, 7773), ("Dedemsvaart", 7701, 7702), ("Gramsbergen", 7783, 7783)),
    "Kampen": (("Kampen", 8261, 8267), ("IJsselmuiden", 8271, 8271), ("Wilsum", 8276, 8276)),
    "Olst-Wijhe": (("Olst", 8121, 8121), ("Wijhe", 8131, 8131)),
    "Ommen": (("Ommen", 7731, 7731), ("Lemele", 8148, 8148)),
    "Raalte": (("Raalte", 8101, 8102), ("Heino", 8141, 8141), ("Heeten", 8111, 8111)),
    "Staphorst": (("Staphorst", 7951, 7951), ("Rouveen", 7954, 7954), ("IJhorst", 7955, 7955)),
    "Steenwijkerland": (("Steenwijk", 8331, 8332), ("Vollenhove", 8325, 8325), ("Giethoorn", 8355, 8355)),
    "Zwartewaterland": (("Hasselt", 8061, 8061), ("Genemuiden", 8281, 8281), ("Zwartsluis", 8064, 8064)),
    "Zwolle": (("Zwolle", 8011, 8046),),
}
STRATEN = (
    "Kerkstraat",
    "Dorpsstraat",
    "Molenweg",
    "Schoolstraat",
    "Stationsweg",
    "Julianastraat",
    "Wilhelminastraat",
    "Beatrixlaan",
    "Irenestraat",
    "Eikenlaan",
    "Berkenlaan",
    "Lindenlaan",
    "Esdoornstraat",
    "Meidoornstraat",
    "Populierenlaan",
    "Vondelstraat",
    "Rembrandtlaan",
    "Thorbeckelaan",
    "Van Goghstraat",
    "Nieuwstraat",
    "Oranjestraat",
    "Parallelweg",
    "Zandweg",
    "Koekoekstraat",
    "Merelstraat",
    "Lijsterbeslaan",
    "Prinses Marijkestraat",
    "Burg. van Roijensingel",
    "Hoofdstraat",
    "Sportlaan",
    "Veldweg",
    "Esweg",
    "Bachlaan",
    "Händelstraat",
    "Dijkweg",
    "Havenstraat",
)
LETTERS = "ABCDEGHJKLMNPRSTVWXZ"
KANS_TELEFOON = 0.6
KANS_TWEEDE_TELEFOON = 0.1
KANS_CORRESPONDENTIE = 0.03
KANS_ZONDER_CONTACT = 0.005  # deliberately without address and phone (the worklist in the demo)
KANS_VERHUISD_BINNEN_GEMEENTE = 0.25


@dataclass(frozen=True)
class Contact:
    """The staging columns of one young person (None: not held)."""

    straatnaam: str | None
    huisnummer: int | None
    huisletter: str | None
    postcode: str | None
    plaatsnaam: str | None
    adres_begindatum: date | None
    telefoon_1: str | None
    telefoon_2: str | None
    post_straatnaam: str | None
    post_huisnummer: int | None
    post_postcode: str | None
    post_plaatsnaam: str | None
    post_begindatum: date | None

    def kolommen(self) -> tuple:
        return tuple(getattr(self, veld) for veld in self.__dataclass_fields__)


GEEN = Contact(*([None] * 13))


class Adressen:
    def __init__(self, seed: int, stroom: str = "adressen") -> None:
        self.rng = random.Random(f"{seed}:{stroom}")  # another region (Rijnmond) has its own stream

    def _plaats(self, gemeente_naam: str, cbs_code: str) -> tuple[str, int]:
        plaatsen = PLAATSEN.get(gemeente_naam)
        if plaatsen is None:  # outside IJsselland: a fictitious area per municipality
            return gemeente_naam[:80], 1000 + (int(cbs_code) * 37) % 9000
        plaats, van, tot = self.rng.choice(plaatsen)
        return plaats, self.rng.randint(van, tot)

    def _adres(self, gemeente_naam: str, cbs_code: str) -> tuple[str, int, str, str, str]:
        plaats, gebied = self._plaats(gemeente_naam, cbs_code)
        postcode = f"{gebied}{self.rng.choice(LETTERS)}{self.rng.choice(LETTERS)}"
        huisletter = self.rng.choice("ABC") if self.rng.random() < 0.05 else ""
        return self.rng.choice(STRATEN), self.rng.randint(1, 180), huisletter, postcode, plaats

    def _mobiel(self) -> str:
        return f"06{self.rng.randrange(10_000_000, 100_000_000)}"

    def voor(self, *, gemeente_naam: str, cbs_code: str, woont_sinds: date, peildatum: date) -> Contact:
        if self.rng.random() < KANS_ZONDER_CONTACT:
            return GEEN
        straat, nummer, letter, postcode, plaats = self._adres(gemeente_naam, cbs_code)
        begin = woont_sinds
        if self.rng.random() < KANS_VERHUISD_BINNEN_GEMEENTE and (peildatum - woont_sinds).days > 60:
            begin = woont_sinds + timedelta(days=self.rng.randrange(1, (peildatum - woont_sinds).days))
        telefoon_1 = self._mobiel() if self.rng.random() < KANS_TELEFOON else None
        telefoon_2 = self._mobiel() if telefoon_1 and self.rng.random() < KANS_TWEEDE_TELEFOON else None
        post = (None,) * 5
        if self.rng.random() < KANS_CORRESPONDENTIE:
            p_straat, p_nummer, _, p_postcode, p_plaats = self._adres(gemeente_naam, cbs_code)
            post = (p_straat, p_nummer, p_postcode, p_plaats, begin)
        return Contact(straat, nummer, letter, postcode, plaats, begin, telefoon_1, telefoon_2, *post)
