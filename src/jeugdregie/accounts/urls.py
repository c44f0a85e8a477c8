"""Login steps of R-P5 under /inloggen/: second factor, enrolment, recovery codes, security keys, password reset."""

from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from . import views
from . import webauthn as webauthn_views

tweefactor = (
    [
        path("", views.verifieren, name="verifieren"),
        path("instellen/", views.instellen, name="instellen"),
        path("herstelcodes/", views.herstelcodes, name="herstelcodes"),
        path("sleutels/", views.sleutels, name="sleutels"),
        path("sleutels/<int:pk>/verwijderen/", views.sleutel_verwijderen, name="sleutel_verwijderen"),
    ],
    "tweefactor",
)

# WebAuthn ceremonies (JSON, called by the package's scripts): accounts/webauthn.py
webauthn = webauthn_views.urls

wachtwoord = [
    path(
        "wachtwoord-vergeten/",
        auth_views.PasswordResetView.as_view(success_url=reverse_lazy("password_reset_done")),
        name="password_reset",
    ),
    path("wachtwoord-vergeten/verzonden/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "wachtwoord-herstellen/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "wachtwoord-herstellen/klaar/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"
    ),
]
