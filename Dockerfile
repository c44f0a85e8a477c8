# Jeugdregie: one image for the web processes (gunicorn), the Celery worker and beat (issue 17;
# docs/ops/deployment.md). Two stages: the first builds a virtualenv from requirements.txt,
# the second carries only that virtualenv, the code and the collected static files, and runs
# as an unprivileged user.

FROM python:3.11-slim-bookworm AS bouw

ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1
RUN python -m venv /opt/venv
COPY requirements.txt /tmp/requirements.txt
RUN /opt/venv/bin/pip install --no-cache-dir -r /tmp/requirements.txt


FROM python:3.11-slim-bookworm AS app

# WeasyPrint (production statements as PDF) needs Pango; the fonts give it glyphs.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

RUN groupadd --system --gid 10001 jeugdregie \
    && useradd --system --uid 10001 --gid jeugdregie --home-dir /app --shell /usr/sbin/nologin jeugdregie

ENV PATH="/opt/venv/bin:$PATH" \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PYTHONPATH=/app/src \
    DJANGO_SETTINGS_MODULE=jeugdregie.config.settings.production \
    JEUGDREGIE_VAR_DIR=/app/var \
    JEUGDREGIE_BIND=0.0.0.0:8000 \
    PROMETHEUS_MULTIPROC_DIR=/tmp/prometheus

WORKDIR /app
COPY --from=bouw /opt/venv /opt/venv
COPY manage.py gunicorn.conf.py ./
COPY src ./src

# Static files are collected at build time and served by WhiteNoise. The shared settings (base)
# need no secrets; production's only add checks and security headers, not other static files.
RUN DJANGO_SETTINGS_MODULE=jeugdregie.config.settings.base python manage.py collectstatic --noinput -v 0 \
    && mkdir -p /tmp/prometheus /app/var/media \
    && chown jeugdregie:jeugdregie /tmp/prometheus /app/var/media

USER 10001:10001
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://localhost:8000/gezondheid/', timeout=4)"]
CMD ["gunicorn"]
