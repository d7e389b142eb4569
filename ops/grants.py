"""Least-privilege GRANT scripts for the legacy database, from the schema facts (legacy/schema/spec.py).

Read-only logins get SELECT on every legacy table the adapter maps. Read-write logins also get INSERT
and UPDATE on the tables the API writes, and DELETE only on tblClaimDedRem: the legacy history convention
deletes by closing the validity of a row (an UPDATE) after copying it (an INSERT), but claim processing
replaces a claim's deductible/remuneration booking rows as uspProcessSingleClaimStep2 does (a DELETE).
"""

from legacy.schema.spec import TABLES, TABLES_BY_NAME

# Tables written by the API's history writer (issue 5): families with their head insuree, insurees,
# policies (and their insuree links) and premiums, locations, health facilities.
WRITTEN_TABLES = (
    "tblFamilies",
    "tblInsuree",
    "tblPolicy",
    "tblInsureePolicy",
    "tblPremium",
    "tblLocations",
    "tblHF",
    "tblClaim",
    "tblClaimItems",
    "tblClaimServices",
    "tblClaimDedRem",
    "tblFeedback",
)
DELETED_TABLES = ("tblClaimDedRem",)  # processing replaces the claim's booking rows (Step2's DELETE)
VENDORS = ("microsoft", "postgresql")


def read_tables():
    return [table.name for table in TABLES]


def grant_script(vendor, login, *, read_write, database="openimis"):
    if vendor not in VENDORS:
        raise ValueError(f"vendor must be one of {VENDORS}, got {vendor!r}")
    render = _mssql if vendor == "microsoft" else _postgresql
    return "\n".join(render(login, read_write, database)) + "\n"


def _mssql(login, read_write, database):
    lines = [
        f"-- {'Read-write' if read_write else 'Read-only'} access of [{login}] to the legacy tables.",
        f"-- After CREATE LOGIN [{login}] WITH PASSWORD = '...'; in master.",
        f"USE [{database}];",
        f"CREATE USER [{login}] FOR LOGIN [{login}];",
    ]
    return lines + _grants(f"[{login}]", lambda name: f"[dbo].[{name}]", read_write)


def _postgresql(login, read_write, database):
    lines = [
        f'-- {"Read-write" if read_write else "Read-only"} access of "{login}" to the legacy tables.',
        f'-- Run in database "{database}" (the legacy one), after CREATE ROLE "{login}" LOGIN PASSWORD \'...\';',
        f'GRANT CONNECT ON DATABASE "{database}" TO "{login}";',
        f'GRANT USAGE ON SCHEMA public TO "{login}";',
    ]
    lines += _grants(
        f'"{login}"', lambda name: f'"{name}"', read_write, after_write=lambda name: _sequence_usage(name, login)
    )
    if not read_write:
        lines.append(f'ALTER ROLE "{login}" SET default_transaction_read_only = on;')
    return lines


def _grants(grantee, quoted, read_write, after_write=lambda name: []):
    """The statements both vendors share: SELECT on every mapped table, INSERT and UPDATE on the written
    ones when `read_write`, each followed by what `after_write(name)` adds for that vendor."""
    lines = [f"GRANT SELECT ON {quoted(name)} TO {grantee};" for name in read_tables()]
    if read_write:
        for name in WRITTEN_TABLES:
            lines.append(f"GRANT INSERT, UPDATE ON {quoted(name)} TO {grantee};")
            if name in DELETED_TABLES:
                lines.append(f"GRANT DELETE ON {quoted(name)} TO {grantee};")
            lines += after_write(name)
    return lines


def _sequence_usage(name, login):
    """A serial key's nextval() needs USAGE on its sequence (PostgreSQL only)."""
    table = TABLES_BY_NAME[name]
    if not table.column(table.pk).identity:
        return []
    return [
        "DO $$ BEGIN EXECUTE format('GRANT USAGE ON SEQUENCE %s TO \"" + login + "\"', "
        f"pg_get_serial_sequence('\"{name}\"', '{table.pk}')); END $$;"
    ]
