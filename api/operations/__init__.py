"""The JSON:API Atomic Operations extension (https://jsonapi.org/ext/atomic) at `POST /api/operations`.

Several adds/updates/removes of the writable resources in one legacy transaction, each one through the same
write hooks as the resource URLs (`api.writes`: gates, rights, If-Match, legacy.services with history rows).
`negotiation` checks the media types, `documents` the operations document and `lid`s, `views` runs them.
"""
