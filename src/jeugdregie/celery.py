"""The Celery application (issue 17 part B): ``celery -A jeugdregie worker`` and ``celery -A
jeugdregie beat`` find it here. Configuration comes from the Django settings (``CELERY_*``,
``config/settings/base.py``): Redis when ``CELERY_BROKER_URL`` is set, otherwise the embedded
default, kombu's filesystem transport in ``var/celery/`` (``./scripts/run``, no server needed).
The tasks are ``jeugdregie.taken.tasks``; the schedule is ``CELERY_BEAT_SCHEDULE``."""

from __future__ import annotations

import os
from pathlib import Path

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jeugdregie.config.settings.production")

app = Celery("jeugdregie")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks(["jeugdregie.taken"])


@app.on_after_configure.connect
def _maak_mappen(sender: Celery, **kwargs) -> None:
    """The filesystem transport expects its folders to exist."""
    opties = sender.conf.broker_transport_options or {}
    for sleutel in ("data_folder_in", "data_folder_out", "control_folder"):
        if opties.get(sleutel):
            Path(opties[sleutel]).mkdir(parents=True, exist_ok=True)
