"""Response bodies of the write API (outcome and error message).

The request bodies are each offer kind's own (``JobIn`` in ``stadt360.jobs.schemas``, …,
on the shared base ``stadt360.offers.schemas.OfferIn``); the registry hands them to the
router.
"""

from typing import Literal

from ninja import Field, Schema


class WriteOut(Schema):
    id: int = Field(..., examples=[42])
    kind: str = Field(..., examples=["jobs"])
    external_id: str = Field(..., examples=["PF-2026-17"])
    status: str = Field(..., examples=["draft"])
    outcome: Literal["created", "updated", "unchanged"] = Field(
        ..., description="What the request changed.", examples=["created"]
    )


class MessageOut(Schema):
    detail: str
