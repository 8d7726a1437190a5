#!/bin/bash
# The warehouse and Marquez databases live beside the Airflow metadata DB on the same server.
set -euo pipefail
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" <<-SQL
  CREATE USER selfeval WITH PASSWORD '${SELFEVAL_DB_PASSWORD}';
  CREATE DATABASE selfeval OWNER selfeval;
  CREATE USER marquez WITH PASSWORD '${MARQUEZ_DB_PASSWORD}';
  CREATE DATABASE marquez OWNER marquez;
SQL
