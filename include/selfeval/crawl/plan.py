"""The crawl's decisions, apart from where they are written: what to do with a listed item and with an opened
detail page.

Both the crawl stage (`pipeline/crawl.py`, whose sink writes discovered items and stores documents) and
`selfeval crawl --dry-run` (whose sink prints) follow these plans, so the dry run can never drift from what a
real crawl does. Pure functions: no I/O, no database.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from selfeval.crawl.detail import DetailOutcome, KeptAttachment, judge_attachments, judge_listed
from selfeval.crawl.families.base import ListedItem
from selfeval.crawl.relevance import Verdict
from selfeval.sources.schema import SourceConfig


@dataclass
class ListedPlan:
    """What a listed item becomes: a discovered item of `kind` with `status`, and what happens next."""

    verdict: Verdict
    kind: str  # attachment | detail
    status: str  # new | skipped
    reason: str
    listed: list[KeptAttachment] = field(default_factory=list)  # attachments the listing names (JSON APIs)
    open_detail: bool = False  # fetch the detail page (no kept attachment was listed with the item)

    @property
    def download(self) -> bool:
        """A listed document that the download stage fetches."""
        return self.kind == "attachment" and self.status == "new"

    @property
    def kept_listed(self) -> list[KeptAttachment]:
        return [k for k in self.listed if k.keep]


def plan_listed(item: ListedItem, source: SourceConfig) -> ListedPlan:
    """Judge a listed item: documents are queued when relevant; detail pages worth a look get their listed
    attachments or a request."""
    verdict = judge_listed(item, source)
    kind = "attachment" if item.is_document else "detail"
    plan = ListedPlan(verdict, kind, "new" if verdict.relevant else "skipped",
                      verdict.reason + (f" (listed via {item.via})" if item.via else ""))
    if kind != "detail" or not (verdict.relevant or verdict.maybe_container):
        return plan
    if item.attachments:
        plan.listed = judge_attachments(item.attachments, verdict.relevant, item.title, source)
    plan.open_detail = not plan.kept_listed
    return plan


@dataclass
class DetailPlan:
    """What an opened detail page means for its discovered item."""

    status: str  # expanded | new | skipped (or the item's status unchanged)
    reason: str | None  # None: the item keeps its reason
    kind: str = "detail"  # becomes attachment (the "page" was a document) or article (report typed into it)
    store_response: bool = False  # keep the fetched bytes as a document
    attachments: list[KeptAttachment] = field(default_factory=list)  # every one is recorded; kept ones queued


def plan_detail(outcome: DetailOutcome, verdict: Verdict, current_status: str) -> DetailPlan:
    """The detail page's outcome applied to its item (`current_status`: the item's status before)."""
    if outcome.kind == "document":
        if not verdict.relevant:
            return DetailPlan("skipped", f"{outcome.reason}; title not relevant")
        return DetailPlan(current_status, None, kind="attachment", store_response=True)
    if outcome.kind == "expanded":
        return DetailPlan("expanded", outcome.reason, attachments=outcome.attachments)
    if outcome.kind == "article":
        status, reason = current_status, None
        if current_status == "skipped":
            status, reason = "new", f"matched on the page title {outcome.title!r}"
        return DetailPlan(status, reason, kind="article", store_response=True, attachments=outcome.attachments)
    return DetailPlan("skipped", outcome.reason, attachments=outcome.attachments)
