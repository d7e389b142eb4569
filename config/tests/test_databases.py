"""Database URLs become the DATABASES entries each backend expects."""

from config.databases import database_config


def test_mssql_url_selects_mssql_django_with_odbc_options():
    config = database_config(
        "mssql://sa:S3cret%21@db:1433/openimis?driver=ODBC+Driver+18+for+SQL+Server&TrustServerCertificate=yes",
        connect_timeout=7,
    )
    assert config["ENGINE"] == "mssql"
    assert (config["NAME"], config["USER"], config["PASSWORD"], config["HOST"], config["PORT"]) == (
        "openimis",
        "sa",
        "S3cret!",
        "db",
        "1433",
    )
    assert config["OPTIONS"]["driver"] == "ODBC Driver 18 for SQL Server"
    assert config["OPTIONS"]["extra_params"] == "TrustServerCertificate=yes"
    assert config["OPTIONS"]["connection_timeout"] == 7


def test_mssql_url_may_select_mssql_python_and_its_own_driver():
    config = database_config("mssql://sa:pw@db/openimis?python_driver=mssql_python&Encrypt=no", connect_timeout=5)
    assert config["OPTIONS"]["python_driver"] == "mssql_python"
    assert config["OPTIONS"]["extra_params"] == "Encrypt=no"  # not passed on as a connection-string keyword


def test_postgres_and_sqlite_urls_get_a_connect_timeout():
    pg = database_config("postgres://postgres@127.0.0.1:5432/legacy", connect_timeout=3)
    assert pg["ENGINE"] == "django.db.backends.postgresql" and pg["OPTIONS"]["connect_timeout"] == 3
    lite = database_config("sqlite:////tmp/x.sqlite3", connect_timeout=3)
    assert lite["ENGINE"] == "django.db.backends.sqlite3" and lite["NAME"] == "/tmp/x.sqlite3"
