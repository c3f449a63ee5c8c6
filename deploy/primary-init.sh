#!/bin/sh
# Runs once, when the primary's data folder is first created (docker-entrypoint-initdb.d): a role that
# may stream WAL, and a pg_hba.conf line letting the replica connect with it.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -c "CREATE ROLE replicator WITH REPLICATION LOGIN PASSWORD '$REPLICATION_PASSWORD'"
echo "host replication replicator all scram-sha-256" >> "$PGDATA/pg_hba.conf"
