"""The change feed `GET /api/changes`: what changed in the legacy tables, read from their history columns.

`positions.py` (the cursor and the instants), `feed.py` (the one UNION ALL statement, through the read gate),
`views.py` (parameters, document). Nothing is written to the legacy database: no trigger, no table.
"""
