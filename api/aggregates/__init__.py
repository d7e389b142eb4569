"""`GET /api/<type>/aggregate?group=...`: counts (and sums/averages) of a list's rows per group, in one GROUP BY.

`spec.py` reads the request into an `AggregateSpec`; `sql.py` runs it (a gated inner SELECT, grouped in one
statement); `views.py` is the view-set action and the documents in every format.
"""
