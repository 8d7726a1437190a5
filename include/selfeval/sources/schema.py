"""The schema every source YAML must satisfy (pydantic), so config errors name file and key."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator, model_validator

from selfeval.sources.schedule import check as check_schedule

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
    # Numbered pages when neither a TRS pager script nor 尾页/下一页 links name them: page k+1 is
    # `page_template` (relative to the start URL) with {n} = page_template_start + k - 1.
    page_template: str | None = None  # e.g. "index_{n}.html" or "?page={n}"
    page_template_start: int = Field(1, ge=0)

    @field_validator("item", "link", "title", "date", "next")
    @classmethod
    def _selector_compiles(cls, v: str | None) -> str | None:
        return compiled_selector(v)


class DetailSelectors(BaseModel):
    """Detail pages: where the article body is, so attachment links in sidebars/footers are ignored."""

    model_config = ConfigDict(extra="forbid")
    content: str | None = None  # CSS selector of the article container; None: the whole page

    @field_validator("content")
    @classmethod
    def _selector_compiles(cls, v: str | None) -> str | None:
        return compiled_selector(v)


def compiled_selector(v: str | None) -> str | None:
    """A CSS selector that soupsieve compiles (checked at `sources check`, not in the middle of a crawl)."""
    if v:
        import soupsieve

        try:
            soupsieve.compile(v)
        except soupsieve.SelectorSyntaxError as exc:
            raise ValueError(f"invalid CSS selector {v!r}: {str(exc).splitlines()[0]}") from None
    return v


def _id_text(v: object) -> object:
    """Site and column ids are strings even when the YAML writes them as numbers (`columnid: 4521`)."""
    return str(v) if isinstance(v, int) and not isinstance(v, bool) else v


IdText = Annotated[str | None, BeforeValidator(_id_text)]


class HanwebOptions(BaseModel):
    """Hanweb JCMS `jpage` lists: every value is discovered from the column page when left unset."""

    model_config = ConfigDict(extra="forbid")
    proxy_path: str = "/module/web/jpage/dataproxy.jsp"
    webid: IdText = None
    columnid: IdText = None
    unitid: IdText = None
    webname: str | None = None
    perpage: int | None = Field(None, ge=1, le=500)
    group_size: int | None = Field(None, ge=1, le=20)  # pages fetched per dataproxy request
    source_content_type: str = "1"
    permissiontype: str = "0"


class GkmlptOptions(BaseModel):
    """Guangdong 政府信息公开目录平台 (gkmlpt): `/gkmlpt/api/all/{catalog}?page=N&sid=SID`."""

    model_config = ConfigDict(extra="forbid")
    catalog: IdText = None  # column id; default: the start URL's #fragment or API path
    sid: IdText = None  # site id; default: discovered from the start page (`SID: '757039'`)
    first_page: int = Field(1, ge=0)


ParamValue = str | int | float | bool | list | dict | None
"""A fixed search parameter: scalars for a query string or form; lists and objects only in a JSON body."""


class SearchOptions(BaseModel):
    """A site-search endpoint: one start URL per endpoint, expanded once per keyword."""

    model_config = ConfigDict(extra="forbid")
    keywords: list[str] = Field(default_factory=lambda: ["绩效自评"])
    query_param: str = "q"
    page_param: str = "page"
    page_start: int = Field(1, ge=0)
    page_size_param: str | None = None
    page_size: int | None = Field(None, ge=1, le=500)
    method: Literal["GET", "POST"] = "GET"
    # How a POST carries its parameters: an urlencoded form (Hanweb jsearchfront, 开普云 search5) or one JSON
    # object sent as application/json (TRS 海云 `/irs/front/search`, whose page numbers are JSON numbers).
    body: Literal["form", "json"] = "form"
    params: dict[str, ParamValue] = Field(default_factory=dict)  # fixed extra parameters (site id, sort=time …)
    format: Literal["json", "html"] = "json"
    # JSON answers: dotted paths (`data.list`, `result.records.0`); relative to one result for title/url/date.
    items: str = "data.list"
    title: str = "title"
    url: str = "url"
    date: str | None = "date"
    html: str | None = None  # path (in one result) to an HTML snippet holding the link; a result that is a string is one
    total: str | None = None  # path to the total hit count, to stop before an empty page

    @model_validator(mode="after")
    def _body_fits_method(self) -> SearchOptions:
        """A JSON body needs a POST; nested values (lists, objects) fit only in a JSON body."""
        if self.body == "json" and self.method != "POST":
            raise ValueError("search.body: json needs search.method: POST (a GET has no body)")
        if self.body != "json":
            nested = sorted(k for k, v in self.params.items() if isinstance(v, list | dict))
            if nested:
                raise ValueError(f"search.params.{nested[0]}: a list or object can only be sent in a JSON body "
                                 "(search.method: POST, search.body: json)")
        return self


class Incremental(BaseModel):
    """How a re-crawl avoids re-reading what it has seen."""

    model_config = ConfigDict(extra="forbid")
    stop_when_known: bool = True  # stop paging once a whole list page is already known
    conditional_get: bool = True  # replay ETag/Last-Modified of list pages (state file)


class Politeness(BaseModel):
    model_config = ConfigDict(extra="forbid")
    requests_per_second: float = Field(1.0, gt=0, le=50)
    concurrency: int = Field(2, ge=1, le=16)
    timeout_s: float = Field(30.0, gt=0, le=600)
    max_retries: int = Field(3, ge=0, le=10)
    respect_robots: bool = True
    max_download_s: float = Field(600.0, gt=0, le=7200)  # wall-time cap for one body


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
    family: str  # a registered CMS family (selfeval.crawl.families.registry)
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
    host_group: str | None = None  # sources of one group are crawled by one task; default: first start URL's host
    private_networks: list[str] = Field(default_factory=list)  # narrows allow_private_network (CIDRs)
    detail: DetailSelectors = Field(default_factory=DetailSelectors)
    hanweb: HanwebOptions = Field(default_factory=HanwebOptions)
    gkmlpt: GkmlptOptions = Field(default_factory=GkmlptOptions)
    search: SearchOptions = Field(default_factory=SearchOptions)
    incremental: Incremental = Field(default_factory=Incremental)

    @field_validator("start_urls")
    @classmethod
    def _http_only(cls, urls: list[str]) -> list[str]:
        for url in urls:
            if not re.match(r"^https?://[^/\s]+", url):
                raise ValueError(f"not an http(s) URL: {url!r}")
        return urls

    @field_validator("family")
    @classmethod
    def _registered(cls, name: str) -> str:
        from selfeval.crawl.families.registry import known  # the families import this module

        if name not in known():
            raise ValueError(f"unknown CMS family {name!r} (known: {', '.join(sorted(known()))})")
        return name

    @field_validator("private_networks")
    @classmethod
    def _cidrs(cls, nets: list[str]) -> list[str]:
        import ipaddress

        for net in nets:
            try:
                ipaddress.ip_network(net, strict=False)
            except ValueError as exc:
                raise ValueError(f"not a network: {net!r}") from exc
        return nets

    @model_validator(mode="after")
    def _family_needs(self) -> SourceConfig:
        from selfeval.crawl.families.registry import check_source  # families import this module

        check_source(self)
        return self

    @field_validator("schedule")
    @classmethod
    def _schedule(cls, value: str) -> str:
        return check_schedule(value)


# Read-only `cfg.list` for callers that use the YAML key name (`list_` exists only because `list` is a builtin).
SourceConfig.list = property(lambda self: self.list_)  # type: ignore[attr-defined]
