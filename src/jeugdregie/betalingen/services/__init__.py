"""Write side of the payment batches: the only place their state changes (STYLE.md §Writing 1)."""

from .batch import Aansluiting, keur_goed, maak_batch, reconciliatie, wijs_af
from .export import csv_bestand, sepa_bestand

__all__ = ["Aansluiting", "csv_bestand", "keur_goed", "maak_batch", "reconciliatie", "sepa_bestand", "wijs_af"]
