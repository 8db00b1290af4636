#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL 15 cluster (Debian's pg_virtualenv), which exports
# PGHOST/PGPORT/PGUSER/PGPASSWORD/PGDATABASE for it and removes the cluster afterwards.
set -euo pipefail
exec pg_virtualenv -t -v 15 -o "fsync=off" "$@"
