"""Airflow 3 plugin: the selfeval operator UI (sources, reports, lineage, quarantine).

Thin wiring only. The pages are `selfeval.ui.create_app()`, a FastAPI app that the
api-server mounts under `/selfeval`; this module adds what needs Airflow:

* authentication: every request must carry an Airflow session (the UI's `_token`
  cookie or a bearer token) and be allowed to read the `selfeval_crawl` DAG;
  unauthenticated page views are redirected to the auth manager's login;
* the crawl DAG's schedule (paused?, next run) from the metadata DB, for the
  "next scheduled run" column;
* navigation entries (`external_views`) that embed the pages in the Airflow UI.

URLs: /selfeval/sources, /selfeval/sources/{id}, /selfeval/reports,
/selfeval/reports/{id}, /selfeval/reports/{id}/lineage, /selfeval/quarantine,
/selfeval/documents/{sha256}.
"""

from __future__ import annotations

from typing import Annotated

from airflow.plugins_manager import AirflowPlugin
from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from selfeval.ui import MOUNT_PREFIX, DagInfo, create_app

CRAWL_DAG_ID = "selfeval_crawl"
_bearer = HTTPBearer(auto_error=False)


async def require_airflow_user(request: Request,
                               bearer: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]):
    """Airflow's own authentication (same token/cookie rules as /api/v2), plus read access to the crawl DAG."""
    from airflow.api_fastapi.app import get_auth_manager
    from airflow.api_fastapi.auth.managers.models.resource_details import DagDetails
    from airflow.api_fastapi.core_api.security import get_user

    try:
        user = await get_user(request, None, bearer)
    except HTTPException as exc:
        if exc.status_code == 401 and request.method == "GET":
            login = get_auth_manager().get_url_login(next_url=str(request.url))
            raise HTTPException(status_code=303, detail="login required", headers={"Location": login}) from exc
        raise
    if not get_auth_manager().is_authorized_dag(method="GET", user=user, details=DagDetails(id=CRAWL_DAG_ID)):
        raise HTTPException(status_code=403, detail=f"read access to the {CRAWL_DAG_ID} DAG is required")
    return user


def crawl_dag_info() -> DagInfo | None:
    """Paused flag, next run and schedule of the crawl DAG, from the Airflow metadata DB."""
    from airflow.models.dag import DagModel
    from airflow.utils.session import create_session

    with create_session() as session:
        dm = session.get(DagModel, CRAWL_DAG_ID)
        if dm is None:
            return None
        return DagInfo(dag_id=dm.dag_id, is_paused=dm.is_paused, next_run_after=dm.next_dagrun_create_after,
                       schedule=dm.timetable_summary, scheduler_heartbeat=_scheduler_heartbeat(session),
                       heartbeat_known=True)


def _scheduler_heartbeat(session):
    """Latest heartbeat of a running scheduler job (Airflow's `job` table), or None."""
    from airflow.jobs.job import Job
    from sqlalchemy import func, select

    return session.scalar(select(func.max(Job.latest_heartbeat)).where(
        Job.job_type == "SchedulerJob", Job.state == "running"))


app = create_app(dag_info=crawl_dag_info, dependencies=[Depends(require_airflow_user)],
                 mount_prefix=MOUNT_PREFIX, crawl_dag_id=CRAWL_DAG_ID)

# `href` is relative (no leading slash): the Airflow UI resolves it against its base URL, so the
# links keep working behind a reverse proxy; `url_route` makes the UI embed the page.
_ICON = "selfeval/static/icon.svg"


class SelfevalUIPlugin(AirflowPlugin):
    name = "selfeval_ui"
    fastapi_apps = [{"app": app, "url_prefix": MOUNT_PREFIX, "name": "selfeval UI"}]
    external_views = [
        {"name": "Self-eval", "href": "selfeval/sources", "url_route": "selfeval", "destination": "nav",
         "icon": _ICON, "nav_top_level": True},
        {"name": "Self-eval reports", "href": "selfeval/reports", "url_route": "selfeval-reports",
         "destination": "nav", "category": "browse", "icon": _ICON},
        {"name": "Self-eval quarantine", "href": "selfeval/quarantine", "url_route": "selfeval-quarantine",
         "destination": "nav", "category": "browse", "icon": _ICON},
    ]
