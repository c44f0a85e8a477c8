"""The storage of documents: Django's storage API, ``STORAGES["documenten"]`` (local files by
default, object storage by configuration: ``config/opslag.py``)."""

from __future__ import annotations

import uuid

from django.core.files.storage import storages


def documentopslag():
    """Callable storage of ``Document.bestand``: the configured backend, not fixed in migrations."""
    return storages["documenten"]


def opslagnaam(extensie: str, *, jaar: int) -> str:
    """A new object name: a random one, never the uploaded file name (it may name the child)."""
    return f"documenten/{jaar}/{uuid.uuid4().hex}{extensie}"
