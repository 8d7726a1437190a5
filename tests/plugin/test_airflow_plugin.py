"""The plugin as Airflow loads it: registration metadata, and authentication inside Airflow's own app."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import textwrap

from tests.conftest import ROOT, airflow_env
from tests.plugin.conftest import build_warehouse

PLUGIN = ROOT / "plugins" / "selfeval_ui.py"


def _load_plugin_module():
    spec = importlib.util.spec_from_file_location("selfeval_ui_plugin_under_test", PLUGIN)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_plugin_registers_app_and_nav_views():
    from airflow.api_fastapi.app import RESERVED_URL_PREFIXES
    from airflow.api_fastapi.core_api.datamodels.plugins import ExternalViewResponse
    from airflow.plugins_manager import AirflowPlugin

    module = _load_plugin_module()
    plugin = module.SelfevalUIPlugin
    assert issubclass(plugin, AirflowPlugin) and plugin.name == "selfeval_ui"
    (app,) = plugin.fastapi_apps
    assert app["url_prefix"] == "/selfeval"
    assert not any(app["url_prefix"].startswith(p) for p in RESERVED_URL_PREFIXES)
    paths = {r.path for r in app["app"].routes}
    assert {"/sources", "/reports", "/reports/{report_id}", "/reports/{report_id}/lineage", "/quarantine",
            "/documents/{sha256}"} <= paths
    views = [ExternalViewResponse.model_validate(v) for v in plugin.external_views]
    assert {v.destination for v in views} == {"nav"}
    assert len({v.url_route for v in views}) == len(views)
    for v in views:
        assert not v.href.startswith("/") and v.href.startswith("selfeval/"), v.href  # relative to the UI base
        assert "/" + v.href.removeprefix("selfeval/") in paths


AUTH_PROBE = textwrap.dedent("""
    import json
    from fastapi.testclient import TestClient
    from airflow.api_fastapi.app import create_app, get_auth_manager
    from airflow.api_fastapi.auth.managers.simple.user import SimpleAuthManagerUser

    app = create_app("core")
    out = {}
    with TestClient(app) as c:
        r = c.get("/selfeval/sources", follow_redirects=False)
        out["anonymous"] = [r.status_code, r.headers.get("location")]
        out["anonymous_css"] = c.get("/selfeval/static/ui.css", follow_redirects=False).status_code
        am = get_auth_manager()
        viewer = am.generate_jwt(SimpleAuthManagerUser(username="v", role="viewer"))
        nobody = am.generate_jwt(SimpleAuthManagerUser(username="n", role=None))
        r = c.get("/selfeval/sources", headers={"Authorization": "Bearer " + viewer})
        out["viewer_bearer"] = [r.status_code, "Crawl now" in r.text]
        c.cookies.set("_token", viewer)
        out["viewer_cookie"] = c.get("/selfeval/reports").status_code
        c.cookies.clear()
        out["no_role"] = c.get("/selfeval/sources", headers={"Authorization": "Bearer " + nobody}).status_code
        out["bad_token"] = c.get("/selfeval/sources", headers={"Authorization": "Bearer nope"}).status_code
    print("RESULT " + json.dumps(out))
""")


def test_pages_require_an_airflow_session(airflow_home, tmp_path):
    """Without the all-admins switch, the plugin pages follow Airflow's auth: login redirect, roles, tokens."""
    url = f"sqlite:///{tmp_path / 'data' / 'warehouse.sqlite'}"
    build_warehouse(url, tmp_path / "data" / "raw", extra_reports=0)
    env = airflow_env(airflow_home, SELFEVAL_DATA_DIR=str(tmp_path / "data"), SELFEVAL_WAREHOUSE_URL=url,
                      AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_ALL_ADMINS="False",
                      AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE=str(tmp_path / "passwords.json"))
    proc = subprocess.run([sys.executable, "-c", AUTH_PROBE], env=env, capture_output=True, text=True, timeout=180,
                          cwd=tmp_path)
    line = next((ln for ln in proc.stdout.splitlines() if ln.startswith("RESULT ")), None)
    assert proc.returncode == 0 and line, proc.stdout[-3000:] + proc.stderr[-5000:]
    out = json.loads(line[len("RESULT "):])
    status, location = out["anonymous"]
    assert status == 303 and location.startswith("/auth/login"), out
    assert "next=" in location
    assert out["anonymous_css"] == 303
    assert out["viewer_bearer"] == [200, True], out
    assert out["viewer_cookie"] == 200, out  # the Airflow UI's session cookie, as inside the embedded view
    assert out["no_role"] == 403
    assert out["bad_token"] == 403
