"""scripts/airflow-env.sh, which every Airflow command of the project sources (issue 13 item 7)."""

from __future__ import annotations

import os
import stat
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_generated_ui_passwords_are_readable_by_their_owner_only(tmp_path: Path) -> None:
    """SimpleAuthManager writes its generated passwords with the process umask (world-readable on most
    hosts); sourcing the environment takes the group and world bits away."""
    home = tmp_path / "airflow_home"
    home.mkdir()
    pw = home / "simple_auth_manager_passwords.json.generated"
    pw.write_text('{"admin": "secret"}', encoding="utf-8")
    pw.chmod(0o644)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AIRFLOW", "SELFEVAL"))}
    env.update(AIRFLOW_HOME=str(home), SELFEVAL_DATA_DIR=str(tmp_path / "data"))
    subprocess.run(["bash", "-c", f'source "{ROOT}/scripts/airflow-env.sh"'], env=env, check=True)
    assert stat.S_IMODE(pw.stat().st_mode) == 0o600
