# shellcheck shell=bash
# Source me: the environment every Airflow command of this project runs with.
_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$_root/.venv/bin:$PATH"
export AIRFLOW_HOME="${AIRFLOW_HOME:-$_root/airflow_home}"
export AIRFLOW__CORE__DAGS_FOLDER="$_root/dags"
export AIRFLOW__CORE__PLUGINS_FOLDER="$_root/plugins"
export AIRFLOW__CORE__LOAD_EXAMPLES=False
export AIRFLOW__CORE__UNIT_TEST_MODE=False
# a lock held by the scheduler or dag-processor is waited for up to 60 s (sqlite3 gives up after 5 s, and a
# busy machine then answers a "Crawl now" with a server error)
export AIRFLOW__DATABASE__SQL_ALCHEMY_CONN="${AIRFLOW__DATABASE__SQL_ALCHEMY_CONN:-sqlite:///$AIRFLOW_HOME/airflow.db?timeout=60}"
export AIRFLOW__CORE__DAGBAG_IMPORT_TIMEOUT=120
export AIRFLOW__LOGGING__LOGGING_LEVEL="${AIRFLOW__LOGGING__LOGGING_LEVEL:-WARNING}"
export AIRFLOW__OPENLINEAGE__TRANSPORT="${AIRFLOW__OPENLINEAGE__TRANSPORT:-{\"type\": \"file\", \"log_file_path\": \"$AIRFLOW_HOME/openlineage.jsonl\", \"append\": true\}}"
export AIRFLOW__OPENLINEAGE__NAMESPACE="${AIRFLOW__OPENLINEAGE__NAMESPACE:-selfeval}"
# the demo registry (demo-sources/, the loopback demo portal); production points this at sources/
export SELFEVAL_SOURCES="${SELFEVAL_SOURCES:-$_root/demo-sources}"
export SELFEVAL_DATA_DIR="${SELFEVAL_DATA_DIR:-$_root/data}"
mkdir -p "$AIRFLOW_HOME" "$SELFEVAL_DATA_DIR"
# the generated UI passwords (SimpleAuthManager) are readable by their owner only
[ -f "$AIRFLOW_HOME/simple_auth_manager_passwords.json.generated" ] && \
  chmod 600 "$AIRFLOW_HOME/simple_auth_manager_passwords.json.generated"
unset _root
