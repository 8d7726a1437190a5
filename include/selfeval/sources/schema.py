"""The schema every source YAML must satisfy (pydantic), so config errors name file and key."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

FAMILIES = ("static_list", "hanweb_jcms", "vsb", "gkmlpt", "search", "css")

DEFAULT_INCLUDE = ("绩效自评", "自评报告", "自评表", "绩效评价自评", "自评情况", "绩效自查")
# Exclusions win over inclusions: they mark titles *about* self-evaluation work (a meeting, a
# notice, a third-party or finance-bureau evaluation), not reports. Budget notices (部门预算,
# 预算公开) need no exclusion: they lack a self-evaluation keyword.
DEFAULT_EXCLUDE = ("第三方", "培训", "会议", "座谈会", "工作会", "动员", "部署", "通知", "重点评价", "评审",
                   "申报表", "督查", "绩效目标表")


class Region(BaseModel):
    model_config = ConfigDict(extra="forbid")
    province: str | None = None
    city: str | None = None
    county: str | None = None
    township: str | None = None


class ListSelectors(BaseModel):
    """CSS selectors for list pages; defaults fit most TRS/static portals."""

    model_config = ConfigDict(extra="forbid")
    item: str = "ul li, .list li, table.list tr"
    link: str = "a"
    title: str | None = None  # defaults to the link's title attribute or text
    date: str | None = "span"
    next: str | None = None  # CSS selector of the next-page link


class Politeness(BaseModel):
    model_config = ConfigDict(extra="forbid")
    requests_per_second: float = Field(1.0, gt=0, le=50)
    concurrency: int = Field(2, ge=1, le=16)
    timeout_s: float = Field(30.0, gt=0, le=600)
    max_retries: int = Field(3, ge=0, le=10)
    respect_robots: bool = True


class Relevance(BaseModel):
    model_config = ConfigDict(extra="forbid")
    include: list[str] = Field(default_factory=lambda: list(DEFAULT_INCLUDE))
    exclude: list[str] = Field(default_factory=lambda: list(DEFAULT_EXCLUDE))


class SourceConfig(BaseModel):
    """One portal (or one column of a portal) to crawl."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]{1,62}$")
    name: str
    region: Region = Field(default_factory=Region)
    family: Literal["static_list", "hanweb_jcms", "vsb", "gkmlpt", "search", "css"]
    start_urls: list[str] = Field(min_length=1)
    schedule: str = "@daily"
    enabled: bool = True
    list_: ListSelectors = Field(default_factory=ListSelectors, alias="list")
    max_pages: int = Field(50, ge=1, le=10000)
    allow_hosts: list[str] = Field(default_factory=list)  # defaults to the start URLs' hosts
    allow_private_network: bool = False
    max_download_mb: int | None = Field(None, ge=1, le=4096)
    politeness: Politeness = Field(default_factory=Politeness)
    relevance: Relevance = Field(default_factory=Relevance)
    user_agent: str | None = None
    host_group: str | None = None  # Airflow pool name suffix; defaults to the first host
    options: dict = Field(default_factory=dict)  # family-specific knobs

    @field_validator("start_urls")
    @classmethod
    def _http_only(cls, urls: list[str]) -> list[str]:
        for url in urls:
            if not re.match(r"^https?://[^/\s]+", url):
                raise ValueError(f"not an http(s) URL: {url!r}")
        return urls

    @field_validator("schedule")
    @classmethod
    def _schedule(cls, value: str) -> str:
        if value.startswith("@"):
            if value not in {"@hourly", "@daily", "@weekly", "@monthly", "@yearly", "@once"}:
                raise ValueError(f"unknown preset {value!r}")
        elif len(value.split()) != 5:
            raise ValueError(f"not a 5-field cron expression: {value!r}")
        return value
