"""docker-compose.yml, the gateway config and the Dockerfile agree with the settings (no Docker needed)."""

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
# Settings and the gunicorn config read the environment only through config.env helpers.
_READ = re.compile(r"""env_(?:str|bool|int|list)\(\s*["']([A-Z0-9_]+)["']""")
# Variables that configure third-party images, not our code.
IMAGE_VARIABLES = {
    "mcr.microsoft.com/mssql/server": {"ACCEPT_EULA", "MSSQL_PID", "MSSQL_SA_PASSWORD"},
    "postgres": {"POSTGRES_DB", "POSTGRES_USER", "POSTGRES_PASSWORD"},
}
OUR_IMAGE = "openimis-adapter-api"


def variables_read_by_our_code():
    files = [ROOT / "config" / "settings.py", ROOT / "config" / "databases.py", ROOT / "config" / "gunicorn.py"]
    return {name for path in files for name in _READ.findall(path.read_text())}


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


@pytest.fixture(scope="module")
def services(compose):
    return compose["services"]


def test_the_expected_services_exist(services):
    assert {
        "gateway",
        "state-db",
        "mssql",
        "mssql-create-db",
        "init",
        "api",
        "legacy-postgres",
        "init-postgres",
        "api-postgres",
    } <= set(services)


def test_only_the_gateway_publishes_ports(services):
    publishing = {name for name, service in services.items() if service.get("ports")}
    assert publishing == {"gateway"}
    assert all("expose" not in s or name == "gateway" for name, s in services.items())


def test_every_variable_given_to_our_image_is_read_by_the_settings(services):
    known = variables_read_by_our_code()
    ours = {name: s for name, s in services.items() if s.get("image") == OUR_IMAGE}
    assert set(ours) == {"init", "api", "api-2", "init-postgres", "api-postgres", "api-postgres-2"}
    for name, service in ours.items():
        unknown = set(service["environment"]) - known
        assert not unknown, f"{name}: {sorted(unknown)} are read by nothing in config/"


def test_third_party_images_get_only_their_own_variables(services):
    for name, service in services.items():
        image = service.get("image", "")
        if image == OUR_IMAGE or "environment" not in service:
            continue
        allowed = next(v for prefix, v in IMAGE_VARIABLES.items() if image.startswith(prefix))
        assert set(service["environment"]) <= allowed, name


def test_profiles_select_one_legacy_database_each(services):
    for name, service in services.items():
        assert service.get("profiles"), f"{name} would start in both variants"
    urls = {name: services[name]["environment"]["LEGACY_DATABASE_URL"] for name in ("api", "api-postgres")}
    assert urls["api"].startswith("mssql://") and "@mssql:1433/" in urls["api"]
    assert urls["api-postgres"].startswith("postgres://") and "@legacy-postgres:5432/" in urls["api-postgres"]
    assert services["api"]["profiles"] == ["mssql"] and services["api-postgres"]["profiles"] == ["postgres"]
    assert "api" in services["api-postgres"]["networks"]["default"]["aliases"]


def test_the_api_runs_production_settings(services):
    for name in ("api", "api-postgres"):
        env = services[name]["environment"]
        assert env["DJANGO_ENV"] == "production"
        assert env["DJANGO_SECRET_KEY"].startswith("${DJANGO_SECRET_KEY")  # overridable, never baked in


def test_one_shot_jobs_create_the_legacy_schema_and_seed_it(services):
    script = (ROOT / "deploy" / "init.sh").read_text()
    for command in (
        "manage.py migrate",
        "manage.py check_legacy_schema",
        "manage.py legacy_schema create",
        "manage.py seed_demo",
    ):
        assert command in script
    for name in ("init", "init-postgres"):
        assert services[name]["command"] == ["sh", "deploy/init.sh"]
        assert services[name]["environment"]["LEGACY_READ_ONLY"] == "false"  # DDL must pass the guard
    create_db = " ".join(services["mssql-create-db"]["entrypoint"])
    assert (
        "CREATE DATABASE openimis" in create_db
        and "/openimis?" in services["init"]["environment"]["LEGACY_DATABASE_URL"]
    )
    assert services["api"]["depends_on"]["init"]["condition"] == "service_completed_successfully"
    assert services["init"]["depends_on"]["mssql-create-db"]["condition"] == "service_completed_successfully"


def test_sql_server_is_the_official_image(services):
    assert services["mssql"]["image"].startswith("mcr.microsoft.com/mssql/server:")
    assert services["mssql"]["environment"]["ACCEPT_EULA"] == "Y"


def test_the_gateway_proxies_to_the_api_with_forwarded_headers(services):
    conf = (ROOT / "deploy" / "nginx.conf").read_text()
    mounted = [v.split(":")[0] for v in services["gateway"]["volumes"]]
    assert "./deploy/nginx.conf" in mounted
    assert re.search(r"upstream api \{\s*server api:8000;", conf)
    assert "proxy_pass http://api;" in conf
    for header in ("X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-Host", "X-Request-ID"):
        assert f"proxy_set_header {header} " in conf
    assert "8000" in (ROOT / "config" / "gunicorn.py").read_text()


def test_the_image_installs_odbc_driver_18_and_serves_with_gunicorn():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "msodbcsql18" in dockerfile and "ACCEPT_EULA=Y" in dockerfile
    assert "pip install -r requirements.txt" in dockerfile
    assert re.search(r"^pyodbc==", (ROOT / "requirements.txt").read_text(), re.M)
    assert "collectstatic" in dockerfile
    assert '"gunicorn", "-c", "config/gunicorn.py", "config.wsgi"' in dockerfile
    assert "/health/live" in dockerfile


def test_the_deployment_doc_lists_every_variable():
    table = (ROOT / "docs" / "deployment.md").read_text()
    missing = sorted(name for name in variables_read_by_our_code() if f"`{name}`" not in table)
    assert not missing, f"undocumented in docs/deployment.md: {missing}"


def test_two_api_instances_share_one_state_store_behind_the_gateway(services):
    conf = (ROOT / "deploy" / "nginx.conf").read_text()
    assert re.search(r"upstream api \{[^}]*server api:8000;\s*server api-2:8000;", conf)
    for first, second in (("api", "api-2"), ("api-postgres", "api-postgres-2")):
        one, two = services[first]["environment"], services[second]["environment"]
        assert one["DATABASE_URL"] == two["DATABASE_URL"] and one["LEGACY_DATABASE_URL"] == two["LEGACY_DATABASE_URL"]
        assert one["CACHE_URL"] == two["CACHE_URL"] == "${CACHE_URL:-}"  # the state database's cache table
        assert one["AUTH_NUM_PROXIES"] == "1"
    assert "api-2" in services["api-postgres-2"]["networks"]["default"]["aliases"]
