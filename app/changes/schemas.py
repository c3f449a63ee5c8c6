"""What the change feed shows: one change per create, update or delete, and the page around them."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from app.models.values import UtcDateTime

EntityType = Literal["interview", "speaker", "topic"]
ChangeAction = Literal["create", "update", "delete"]


class ChangeView(BaseModel):
    """One committed change; a `delete` is a tombstone that stays in the feed."""

    seq: int = Field(description="Position in commit order; increases by one per change.", examples=[42])
    type: EntityType
    id: int = Field(description="Id of the interview, speaker or topic (it may no longer exist).")
    slug: str = Field(description="Slug at the time of the change.", examples=["trade-talk"])
    action: ChangeAction
    at: UtcDateTime = Field(description="When the change was committed (UTC).")


class ChangePage(BaseModel):
    """A page of the change feed; `next_cursor` is always set, so there is always a place to resume."""

    items: list[ChangeView]
    next_cursor: str = Field(
        description="Pass as `since` on the next poll: after the last change of this page, or the "
        "given `since` when the page is empty."
    )
    has_more: bool = Field(description="True when more changes are waiting: poll again right away.")
