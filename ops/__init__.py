"""Operations: health endpoints, request ids and JSON request logs, the legacy read-only guard."""
