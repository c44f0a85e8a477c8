"""How the OpenAPI schema describes the expiring token authentication (drf-spectacular)."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.plumbing import build_bearer_security_scheme_object


class VerlopendeTokenScheme(OpenApiAuthenticationExtension):
    target_class = "jeugdregie.tokens.authentication.VerlopendeTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return build_bearer_security_scheme_object(header_name="Authorization", token_prefix="Token")
