"""Database URLs -> Django DATABASES entries (dj-database-url, plus the mssql-django URL form)."""
import dj_database_url

MSSQL_DRIVER = "ODBC Driver 18 for SQL Server"


@dj_database_url.register("mssql", "mssql")
def _mssql_options(config):
    """`mssql://u:p@host:1433/db?driver=...&TrustServerCertificate=yes` -> mssql-django OPTIONS.

    `driver` selects the ODBC driver; every other query parameter is passed to ODBC as-is.
    """
    options = config.get("OPTIONS", {})
    driver = options.pop("driver", MSSQL_DRIVER)
    extra = ";".join(f"{key}={value}" for key, value in sorted(options.items()))
    config["OPTIONS"] = {"driver": driver, **({"extra_params": extra} if extra else {})}
    config["PORT"] = str(config.get("PORT") or "")


def database_config(url, *, connect_timeout):
    config = dj_database_url.parse(url)
    engine = config["ENGINE"]
    options = config.setdefault("OPTIONS", {})
    if engine == "django.db.backends.postgresql":
        options.setdefault("connect_timeout", connect_timeout)
    elif engine == "django.db.backends.sqlite3":
        options.setdefault("timeout", connect_timeout)
        # BEGIN IMMEDIATE: a transaction takes the write lock before its first read, so two writers
        # queue (within `timeout`) instead of both reading a row and one failing with "database is
        # locked" when it upgrades. SQLite's stand-in for the history writer's SELECT ... FOR UPDATE.
        options.setdefault("transaction_mode", "IMMEDIATE")
    elif engine == "mssql":
        options.setdefault("connection_timeout", connect_timeout)
    return config
