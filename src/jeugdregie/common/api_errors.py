"""DRF exception handler: domain errors become 400 with their code and Dutch message."""

from __future__ import annotations

from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from .errors import DomainError


def exception_handler(exc, context):
    if isinstance(exc, DomainError):
        return Response({"fouten": [exc.as_dict()]}, status=status.HTTP_400_BAD_REQUEST)
    return drf_exception_handler(exc, context)
