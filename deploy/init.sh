#!/bin/sh
# One-shot job of the compose stacks: migrate the state database, then create the legacy schema with the
# project's DDL and seed demo data, unless the legacy database already has compatible tables (re-runs
# of `docker compose up` must not fail, and must never touch an existing legacy database).
set -eu
python manage.py migrate --noinput
if python manage.py check_legacy_schema >/dev/null 2>&1; then
  echo "init: the legacy database already has a compatible schema; nothing to create."
else
  python manage.py legacy_schema create
  python manage.py seed_demo
fi
