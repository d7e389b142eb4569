"""Request body size limit for every view: DRF parses from the stream, so Django's
DATA_UPLOAD_MAX_MEMORY_SIZE (checked only when `request.body` is read) does not protect the API."""

from django.conf import settings

from .errors import jsonapi_error


class BodySizeLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return jsonapi_error(400, "bad_content_length", "Bad Request", "Content-Length is not a number.")
        if limit is not None and length > limit:
            return jsonapi_error(413, "body_too_large", "Payload Too Large", f"The request body exceeds {limit} bytes.")
        if limit is not None and request.META.get("HTTP_TRANSFER_ENCODING", "").lower() == "chunked":
            return jsonapi_error(411, "length_required", "Length Required", "Send a Content-Length.")
        return self.get_response(request)
