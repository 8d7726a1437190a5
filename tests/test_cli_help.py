"""The CLI explains itself: every command's --help has a description, defaults and an example; progress lines
appear on a terminal only (scripts and tests see the same output as before) (issue 14 item 10)."""

from __future__ import annotations

import os
import pty
import subprocess
import sys

import pytest
from selfeval.cli import EXAMPLES, build_parser, main

from tests.conftest import ROOT


@pytest.mark.parametrize("command", sorted(EXAMPLES))
def test_every_command_has_help_with_an_example(command, capsys):
    with pytest.raises(SystemExit) as exc:
        main([command, "--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    assert f"example:\n  {EXAMPLES[command]}" in out
    assert "usage: selfeval " + command in out
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command").choices[command]
    assert sub.description, command
    if any(a.default not in (None, False) and a.dest != "help" for a in sub._actions):
        assert "(default:" in out, command


def test_progress_only_on_a_terminal(tmp_path):
    env = dict(os.environ, SELFEVAL_DATA_DIR=str(tmp_path / "data"), PYTHONPATH=str(ROOT / "include"))
    env.pop("SELFEVAL_WAREHOUSE_URL", None)
    cmd = [sys.executable, "-m", "selfeval.cli", "process"]
    piped = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120)
    assert piped.returncode == 0 and piped.stderr == "" and "processed 0 document version(s)" in piped.stdout
    leader, follower = pty.openpty()  # a terminal on stderr: the progress line appears there
    proc = subprocess.run(cmd, env=env, stdout=subprocess.PIPE, stderr=follower, timeout=120)
    os.close(follower)
    seen = os.read(leader, 4096).decode()
    os.close(leader)
    assert proc.returncode == 0 and "processed 0 document version(s)" in seen
