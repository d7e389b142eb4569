"""JSON:API media type rules: 406 when every JSON:API media type in `Accept` carries parameters
(other than `profile`), 415 for such a `Content-Type`. Browsers get the browsable API: HTML wins when the
client prefers `text/html` by quality (DRF alone ranks by specificity and picks XML for a browser's
`text/html,...,application/xml;q=0.9`)."""

from rest_framework.exceptions import NotAcceptable, UnsupportedMediaType
from rest_framework.negotiation import DefaultContentNegotiation

JSONAPI = "application/vnd.api+json"
HTML = "text/html"
ALLOWED_PARAMS = {"profile"}


def _media_types(header):
    for part in header.split(","):
        kind, *params = [piece.strip() for piece in part.split(";")]
        names = {param.split("=", 1)[0].strip().lower() for param in params if param}
        yield kind.lower(), names - {"q"}


class JsonApiNegotiation(DefaultContentNegotiation):
    def select_renderer(self, request, renderers, format_suffix=None):
        accept = request.META.get("HTTP_ACCEPT", "")
        instances = [params for kind, params in _media_types(accept) if kind == JSONAPI]
        if instances and all(params - ALLOWED_PARAMS for params in instances):
            raise NotAcceptable("Accept: application/vnd.api+json must not carry media type parameters")
        html = next((renderer for renderer in renderers if renderer.media_type == HTML), None)
        if html is not None and not format_suffix and self.settings.URL_FORMAT_OVERRIDE not in request.query_params:
            if request._request.get_preferred_type([renderer.media_type for renderer in renderers]) == HTML:
                return html, HTML
        return super().select_renderer(request, renderers, format_suffix)


def check_content_type(request):
    content_type = request.META.get("CONTENT_TYPE", "")
    for kind, params in _media_types(content_type):
        if kind == JSONAPI and params - ALLOWED_PARAMS:
            raise UnsupportedMediaType(
                content_type, "Content-Type: application/vnd.api+json must not carry media type parameters"
            )
