"""Database URLs -> Django DATABASES entries (dj-database-url, plus the mssql-django URL form)."""

import dj_database_url

MSSQL_DRIVER = "ODBC Driver 18 for SQL Server"


@dj_database_url.register("mssql", "mssql")
def _mssql_options(config):
    """`mssql://u:p@host:1433/db?driver=...&TrustServerCertificate=yes` -> mssql-django OPTIONS.

    `driver` selects the ODBC driver; `python_driver=mssql_python` connects through mssql-python and the
    driver it ships instead of pyodbc and an installed ODBC driver; every other query parameter is passed to
    the driver as-is.
    """
    options = config.get("OPTIONS", {})
    driver = options.pop("driver", MSSQL_DRIVER)
    python_driver = options.pop("python_driver", None)
    extra = ";".join(f"{key}={value}" for key, value in sorted(options.items()))
    config["OPTIONS"] = {
        "driver": driver,
        **({"python_driver": python_driver} if python_driver else {}),
        **({"extra_params": extra} if extra else {}),
    }
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


def apply_operations(config, *, statement_timeout_ms, conn_max_age, read_only=False):
    """Operational options for one DATABASES entry (see the Operations block of settings).

    A statement timeout, so a stuck database gives a quick 503 rather than hung workers; persistent
    connections with health checks, so a connection broken by an outage is replaced on the next request
    and the service recovers by itself. `read_only` (PostgreSQL) makes the server refuse writes too.
    """
    config["CONN_MAX_AGE"] = conn_max_age
    config["CONN_HEALTH_CHECKS"] = True
    engine, options = config["ENGINE"], config.setdefault("OPTIONS", {})
    if engine == "django.db.backends.postgresql":
        server = [f"-c statement_timeout={statement_timeout_ms}"] if statement_timeout_ms else []
        if read_only:
            server.append("-c default_transaction_read_only=on")
        if server:
            options["options"] = " ".join([options["options"], *server] if options.get("options") else server)
    elif engine == "mssql" and statement_timeout_ms:
        options.setdefault("query_timeout", -(-statement_timeout_ms // 1000))  # whole seconds, rounded up
    return config
