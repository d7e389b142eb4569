"""The browsable API: the HTML a browser gets from every API endpoint (see api.negotiation)."""

from rest_framework_json_api import renderers as dja


class BrowsableAPIRenderer(dja.BrowsableAPIRenderer):
    """DJA's browsable API in our page frame (login/logout links, the legacy login name, error advice).

    No HTML forms and no filter form: their <select> widgets would list every row of a related table,
    past the read gate and with a query per field. The raw-data form (JSON) stays.
    """

    template = "web/browsable_api.html"

    def get_rendered_html_form(self, data, view, method, request):
        return None

    def get_filter_form(self, data, view, request):
        return None

    def get_context(self, data, accepted_media_type, renderer_context):
        context = super().get_context(data, accepted_media_type, renderer_context)
        errors = data.get("errors") if isinstance(data, dict) else None
        context["error_details"] = [error.get("detail") for error in errors or () if isinstance(error, dict)]
        return context
