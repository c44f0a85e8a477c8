"""Where documents are stored (issue 20 §4, ``documenten/README.md``): ``STORAGES["documenten"]``,
and ``STORAGES["default"]`` the same (every file the application keeps, letters too).

``JEUGDREGIE_DOCUMENTOPSLAG=bestanden`` (default): local files under ``MEDIA_ROOT``
(``JEUGDREGIE_MEDIA_DIR``, default ``JEUGDREGIE_VAR_DIR/media``). ``=s3``: an S3-compatible
object store through django-storages (AWS S3, MinIO, a Dutch cloud's object storage), with the
bucket, endpoint and region from the environment. Credentials are never settings: boto3 reads
them from its own chain (``AWS_ACCESS_KEY_ID``/``AWS_SECRET_ACCESS_KEY``, or the machine's role).
Documents are never served from ``MEDIA_URL``: every download goes through the application,
which checks the policy and writes the audit row; object URLs are signed and short-lived."""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured

from jeugdregie.config.env import env_str

BESTANDEN = "bestanden"
S3 = "s3"


def documentopslag() -> dict:
    """The ``STORAGES`` entry of the documents, from the environment."""
    soort = env_str("JEUGDREGIE_DOCUMENTOPSLAG", BESTANDEN).strip().lower()
    if soort == BESTANDEN:
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    if soort == S3:
        versleuteling = env_str("JEUGDREGIE_S3_VERSLEUTELING", "AES256").strip()
        return {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": env_str("JEUGDREGIE_S3_BUCKET"),
                "endpoint_url": env_str("JEUGDREGIE_S3_ENDPOINT_URL", "") or None,
                "region_name": env_str("JEUGDREGIE_S3_REGIO", "") or None,
                "location": env_str("JEUGDREGIE_S3_PREFIX", "").strip("/"),
                "default_acl": None,  # the bucket's own policy: private
                "file_overwrite": False,  # a document is never replaced in place
                "querystring_auth": True,  # signed URLs only
                "querystring_expire": 60,
                "object_parameters": {"ServerSideEncryption": versleuteling} if versleuteling.lower() != "geen" else {},
            },
        }
    raise ImproperlyConfigured(f"JEUGDREGIE_DOCUMENTOPSLAG moet 'bestanden' of 's3' zijn, niet {soort!r}.")
