"""Media types of the extension: `application/vnd.api+json; ext="https://jsonapi.org/ext/atomic"`.

JSON:API 1.1: a request document using an extension says so in `Content-Type` (415 without it, or with an
`ext` we do not support, or any parameter other than `ext`/`profile`); `Accept` is 406 when every JSON:API
instance in it asks for an extension we do not support or carries other parameters. `profile` is ignored.
"""

from rest_framework.exceptions import NotAcceptable, UnsupportedMediaType

from ..negotiation import JSONAPI

ATOMIC = "https://jsonapi.org/ext/atomic"
MEDIA_TYPE = f'{JSONAPI}; ext="{ATOMIC}"'


def _parameters(part):
    """(media type, {parameter: value}) of one media range; quoted values unquoted."""
    kind, *params = [piece.strip() for piece in part.split(";")]
    values = {}
    for param in params:
        name, _, value = param.partition("=")
        values[name.strip().lower()] = value.strip().strip('"')
    return kind.lower(), values


def _acceptable(params):
    """A JSON:API media range we can answer: only `ext` (the atomic one among those listed), `profile`, `q`."""
    if set(params) - {"ext", "profile", "q"}:
        return False
    return "ext" not in params or set(params["ext"].split()) <= {ATOMIC}


def check_accept(request):
    ranges = [_parameters(part) for part in request.META.get("HTTP_ACCEPT", "").split(",") if part.strip()]
    jsonapi = [params for kind, params in ranges if kind == JSONAPI]
    if jsonapi and not any(_acceptable(params) for params in jsonapi):
        raise NotAcceptable(f"Accept: the operations endpoint answers {MEDIA_TYPE}")
    if ranges and not jsonapi and not any(kind in ("*/*", "application/*") for kind, _ in ranges):
        raise NotAcceptable(f"Accept: the operations endpoint answers {MEDIA_TYPE}")


def check_content_type(request):
    kind, params = _parameters(request.META.get("CONTENT_TYPE", ""))
    ext = params.get("ext", "").split()
    if kind != JSONAPI or set(params) - {"ext", "profile"} or ATOMIC not in ext or set(ext) - {ATOMIC}:
        raise UnsupportedMediaType(kind, f"Content-Type must be {MEDIA_TYPE}")
