"""Database failures in one plain line that says what to do (first run, `check_databases`, `check_legacy_schema`).

The drivers' messages are long, multi-line and differ per vendor (psycopg, pyodbc + ODBC driver, sqlite3);
a person setting up the service needs to know which database, what went wrong and the next step. Passwords
are never printed (only user, host, port and database name from the settings).
"""

import re

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import Error, connections

URL_VARIABLES = {"default": "DATABASE_URL", "legacy": "LEGACY_DATABASE_URL"}
SQL_SERVER_DOCS = "docs/sqlserver.md"

# (pattern in the driver's message, what went wrong, what to do); the first match wins.
CAUSES = [
    (
        r"Can't open lib|Data source name not found|IM002|file not found \(0\)",
        "the ODBC driver {driver!r} is not installed",
        "install Microsoft ODBC Driver 18 (msodbcsql18) or FreeTDS (tdsodbc, then ?driver=FreeTDS in the URL); "
        f"see {SQL_SERVER_DOCS}",
    ),
    (
        r"libodbc\.so|unixODBC",
        "the unixODBC library is missing",
        f"install unixODBC (Debian/Ubuntu: apt-get install unixodbc; see {SQL_SERVER_DOCS})",
    ),
    (
        r"password authentication failed|28P01|Login failed for user|18456|role \".*\" does not exist",
        "the server refused the login of user {user!r}",
        "check the user and password in {variable} (URL-encode special characters: @ is %40)",
    ),
    (
        r"database \".*\" does not exist|Cannot open database|4060",
        "database {name!r} does not exist on the server",
        "create it, or fix the database name at the end of {variable}",
    ),
    (
        r"Connection refused|could not translate host name|Name or service not known|timeout expired|"
        r"timed out|Login timeout|HYT00|08001|TCP Provider|No route to host|could not connect",
        "the server at {where} cannot be reached",
        "is it running, and are host and port in {variable} right? (DATABASE_TIMEOUT={timeout}s)",
    ),
    (
        r"unable to open database file",
        "the SQLite file {name} cannot be opened",
        "does its folder exist and may this user write there? (fix {variable})",
    ),
]


def explain(alias, error):
    """One line: which database, what went wrong, what to do."""
    config = settings.DATABASES[alias]
    variable = URL_VARIABLES.get(alias, alias)
    message = " ".join(str(part) for part in _messages(error))
    facts = {
        "driver": (config.get("OPTIONS") or {}).get("driver", "ODBC Driver 18 for SQL Server"),
        "user": config.get("USER") or "",
        "name": str(config.get("NAME") or ""),
        "where": f"{config.get('HOST') or 'localhost'}:{config.get('PORT') or 'default port'}",
        "variable": variable,
        "timeout": settings.DATABASE_TIMEOUT,
    }
    label = f"{alias} database ({variable}, {config['ENGINE'].rsplit('.', 1)[-1]})"
    for pattern, cause, advice in CAUSES:
        if re.search(pattern, message):
            return f"{label}: {cause.format(**facts)}: {advice.format(**facts)}."
    first_line = message.strip().splitlines()[0] if message.strip() else error.__class__.__name__
    return f"{label}: {first_line}"


def _messages(error):
    """The error and its causes (Django wraps the driver's exception)."""
    seen = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        yield error
        error = error.__cause__ or error.__context__


def connection_problem(alias):
    """None when `alias` connects, else the one-line explanation."""
    try:
        connections[alias].ensure_connection()
    except (Error, ImproperlyConfigured, ImportError) as error:
        return explain(alias, error)
    return None
