"""Build (or reuse) the PostgreSQL legacy database at the chosen size, and the bench state database.

The legacy database is named after its size (`bench_legacy_<insurees>`) and carries a database comment
written only after `seed_demo` finished: a database without that marker is a broken build and is rebuilt.
"""

import math
import subprocess
import sys
import time
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql

# `legacy_schema create` builds the official indexes (legacy/schema/indexes.py). `--dba-indexes` adds the
# ones `check_legacy_schema` advises (named ix_*), in the bench database only; a run without it drops them.
ADVICE = "a DBA could run: "
INSUREES_PER_FAMILY = 3  # seed_demo: 1 head + randint(0, 4) members per family
MARKER = "openimis-bench families={families} official-indexes complete"  # older builds lack the indexes


def database_url(server_url, name):
    parts = urlsplit(server_url)
    return urlunsplit((parts.scheme, parts.netloc, "/" + name, "", ""))


class BenchDatabases:
    def __init__(self, server_url, insurees, log, env):
        self.server_url = server_url
        self.insurees = insurees
        self.families = max(1, math.ceil(insurees / INSUREES_PER_FAMILY))
        self.legacy_name = f"bench_legacy_{insurees}"
        self.state_name = f"bench_state_{insurees}"
        self.log = log
        self.env = env

    @property
    def legacy_url(self):
        return database_url(self.server_url, self.legacy_name)

    @property
    def state_url(self):
        return database_url(self.server_url, self.state_name)

    def _admin(self):
        try:
            return psycopg.connect(database_url(self.server_url, "postgres"), autocommit=True, connect_timeout=5)
        except psycopg.OperationalError as error:
            sys.exit(f"bench: cannot reach PostgreSQL at {self.server_url} ({error}). Start it or set BENCH_PG_URL.")

    def _comment(self, admin, name):
        row = admin.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s", (name,)
        ).fetchone()
        return None if row is None else (row[0] or "")

    def prepare(self, rebuild=False):
        """Make sure both databases exist; return the current insuree count of the legacy one."""
        with self._admin() as admin:
            comment = self._comment(admin, self.legacy_name)
            wanted = MARKER.format(families=self.families)
            if comment == wanted and not rebuild:
                self.log(f"reusing {self.legacy_name} ({comment})")
            else:
                if comment is not None:
                    self.log(f"dropping {self.legacy_name} (marker {comment!r}, wanted {wanted!r})")
                    admin.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(self.legacy_name)))
                admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(self.legacy_name)))
                self._seed()
                admin.execute(
                    sql.SQL("COMMENT ON DATABASE {} IS {}").format(
                        sql.Identifier(self.legacy_name), sql.Literal(wanted)
                    )
                )
            # The state DB (Django users, tokens) is rebuilt each run: no stale tokens or migrations.
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(self.state_name)))
            admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(self.state_name)))
        self._manage("migrate", "--noinput", "--verbosity", "0")
        with psycopg.connect(self.legacy_url) as conn:
            return conn.execute('SELECT count(*) FROM "tblInsuree" WHERE "ValidityTo" IS NULL').fetchone()[0]

    def set_dba_indexes(self, wanted):
        """Create (`wanted`) the indexes `check_legacy_schema` advises, or drop them; ANALYZE after."""
        with psycopg.connect(self.legacy_url, autocommit=True) as conn:
            advised = conn.execute("SELECT indexname FROM pg_indexes WHERE indexname LIKE 'ix\\_%'").fetchall()
            for (name,) in advised:
                conn.execute(sql.SQL("DROP INDEX {}").format(sql.Identifier(name)))
            if wanted:
                report = self._manage("check_legacy_schema", quiet=True)
                for statement in [line.split(ADVICE, 1)[1] for line in report.splitlines() if ADVICE in line]:
                    conn.execute(statement)
            conn.execute("ANALYZE")
        self.log(f"indexes check_legacy_schema advises: {'present' if wanted else 'absent'} (official ones always)")

    def _seed(self):
        started = time.monotonic()
        self.log(f"building {self.legacy_name}: legacy_schema create + seed_demo --families {self.families}")
        self._manage("legacy_schema", "create")
        self._manage("seed_demo", "--families", str(self.families), "--chunk-size", "5000")
        with psycopg.connect(self.legacy_url, autocommit=True) as conn:
            conn.execute("VACUUM ANALYZE")  # fresh bulk load: planner statistics and the visibility map
        self.log(f"built {self.legacy_name} in {time.monotonic() - started:.0f} s")

    def _manage(self, *args, quiet=False):
        command = [sys.executable, "manage.py", *args]
        # stderr (errors, seed_demo's progress bar) goes straight to the terminal; stdout to the report.
        result = subprocess.run(command, env=self.env, stdout=subprocess.PIPE, text=True)
        if result.returncode:
            sys.exit(f"bench: `manage.py {' '.join(args)}` failed (see above):\n{result.stdout[-3000:]}")
        if quiet:
            return result.stdout
        for line in result.stdout.splitlines():
            if line.strip():
                self.log("  " + line)
        return result.stdout
