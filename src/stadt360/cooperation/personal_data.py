"""What the cooperation board holds about a person: the expressions of interest they sent,
the answers they gave, and the posts they wrote. Registered with ``accounts.privacy``.

Posts and messages are the organisation's: on deletion they stay without the person's
name; messages are deleted ``RETENTION_COOPERATION_MESSAGE_DAYS`` after the exchange's
last activity.
"""

from datetime import datetime
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Max
from django.db.models.functions import Coalesce, Greatest

from stadt360.accounts.privacy import (
    Person,
    PersonalData,
    RetentionRule,
    forget,
    register,
    register_retention,
    rows,
)
from stadt360.core.models import AuditEntry

from .models import Interest, InterestRecipient, Post


def _posts_written_by(person: Person) -> Any:
    """Posts carry no author; the audit entry of their creation names who wrote them."""
    created = AuditEntry.objects.filter(
        actor=person.user,
        action="cooperation_post.created",
        content_type=ContentType.objects.get_for_model(Post),
    ).values_list("object_id", flat=True)
    return Post.objects.filter(pk__in=[int(pk) for pk in created])


def _cooperation(person: Person) -> dict[str, Any]:
    return {
        "posts_written": rows(
            _posts_written_by(person), ["provider__name", "title", "text", "created_at", "status"]
        ),
        "interests_sent": rows(
            Interest.objects.filter(sent_by=person.user),
            ["provider__name", "message", "created_at"],
        ),
        "answers_given": rows(
            InterestRecipient.objects.filter(answered_by=person.user),
            ["provider__name", "status", "answer", "answered_at"],
        ),
    }


def _erase_cooperation(person: Person) -> None:
    forget(Interest, "sent_by", person)
    forget(InterestRecipient, "answered_by", person)


register(
    PersonalData(
        key="cooperation",
        models=("cooperation.Post", "cooperation.Interest", "cooperation.InterestRecipient"),
        export=_cooperation,
        erase=_erase_cooperation,
    )
)


def _delete_finished_exchanges(cutoff: datetime) -> int:
    """Interests (with their recipients and answers) whose last activity is before the cutoff."""
    last = Greatest("updated_at", Coalesce(Max("recipients__updated_at"), "updated_at"))
    old = Interest.objects.annotate(last_activity=last).filter(last_activity__lt=cutoff)
    return Interest.objects.filter(pk__in=list(old.values_list("pk", flat=True))).delete()[0]


register_retention(
    RetentionRule(
        key="cooperation_messages",
        setting="RETENTION_COOPERATION_MESSAGE_DAYS",
        apply=_delete_finished_exchanges,
    )
)
