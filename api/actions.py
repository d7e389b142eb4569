"""Endpoints of one resource beyond JSON:API's (claims/<id>/submit, insurees/<id>/coverage, ...).

A view mixin lists `extra_routes` ((name, URL suffix regex, {method: action})), which `api.site` routes
before the generic ones, and `action_rights` ({action: legacy right}), checked by HasLegacyRight for the
request's method like any other endpoint.
"""


class ActionRoutes:
    extra_routes = ()
    action_rights = {}

    @property
    def required_rights(self):
        if self.action in self.action_rights:
            return {self.request.method: self.action_rights[self.action]}
        return super().required_rights
