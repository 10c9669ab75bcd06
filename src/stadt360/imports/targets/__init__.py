"""Where a run's records are written: the offer services, or (calendars) the events services.

A feed's ``kind`` names its target: an offer kind of the registry ("flat", "job" …) or
``"event"`` (iCalendar). The run loop in ``imports.services`` — batches, leases, counts,
resuming — is the same for every target; a target only writes one batch, withdraws what a
full feed no longer lists and names what it took over in the run's summary.
"""

from .base import Target, issue
from .events import EVENT_KIND, EventTarget
from .offers import OfferTarget

__all__ = ["EVENT_KIND", "EventTarget", "OfferTarget", "Target", "issue", "target_for"]


def target_for(kind: str) -> Target:
    """The target of a feed (or a run) of this kind."""
    return EventTarget() if kind == EVENT_KIND else OfferTarget(kind)
