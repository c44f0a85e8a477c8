"""``Cache-Control: no-store`` and ``Pragma: no-cache`` on every dynamic response (R-P8).

Pages, exports and API answers with personal data must not be kept by a browser, a proxy or a
shared cache. Deciding per view which response holds personal data is a list that goes stale,
so every response that reaches Django is marked: static files are served by WhiteNoise before
this middleware runs (keep it below WhiteNoise in MIDDLEWARE) and keep their long cache lifetime.
"""

from __future__ import annotations

from django.utils.cache import add_never_cache_headers, patch_cache_control


class NoStoreMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        add_never_cache_headers(response)  # max-age=0, no-cache, no-store, must-revalidate, private
        patch_cache_control(response, no_store=True, private=True)
        response["Pragma"] = "no-cache"
        return response
