"""Writes of the cooperation board: posts, expressions of interest and their answers.

Every write is keyword-only, runs in a transaction, writes an audit entry; e-mails are
sent by tasks enqueued after commit. The publish rule holds here too: an organisation the
city has not verified drafts posts (they go on the board by ``publish_post`` once it is
verified) and cannot send expressions of interest (``UnverifiedProvider``).
"""

from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from stadt360.companies import industries
from stadt360.companies.models import Company
from stadt360.core import audit
from stadt360.core.publishing import may_publish, require_verified
from stadt360.providers.models import Provider, ProviderKind

from .choices import PostStatus, PostType, RecipientStatus
from .models import Interest, InterestRecipient, Post

POST_FIELDS = ("post_type", "direction", "title", "text", "wz_code", "valid_until")
MAX_RECIPIENTS = 20
ANSWERS = (RecipientStatus.ACCEPTED, RecipientStatus.ASKED_BACK, RecipientStatus.DECLINED)


def _apply_post(post: Post, data: Mapping[str, Any]) -> None:
    for name in POST_FIELDS:
        if name in data:
            setattr(post, name, data[name])
    post.wz_code = industries.normalise_code(post.wz_code or "")
    if post.wz_code and not industries.is_known(post.wz_code):
        raise ValidationError({"wz_code": _("This is not a WZ 2008 code.")})
    post.wz_label = industries.title(post.wz_code) if post.wz_code else ""
    post.wz_section = industries.section_of(post.wz_code) if post.wz_code else ""
    if post.post_type == PostType.CITY_CHALLENGE and post.provider.kind != ProviderKind.CITY_OFFICE:
        raise ValidationError({"post_type": _("Only city offices post city challenges.")})


def create_post(*, provider: Provider, data: Mapping[str, Any], by: Any) -> Post:
    with transaction.atomic():
        post = Post(
            provider=provider,
            company=Company.objects.filter(provider=provider).first(),
            status=PostStatus.OPEN if may_publish(provider) else PostStatus.DRAFT,
        )
        _apply_post(post, data)
        post.full_clean()
        post.save()
        audit.record(
            post,
            "cooperation_post.created",
            by=by,
            changes=audit.changes_between({}, audit.snapshot(post, (*POST_FIELDS, "status"))),
        )
    return post


def publish_post(*, post: Post, by: Any) -> Post:
    """Puts a draft on the board; refuses an unverified organisation (``UnverifiedProvider``)."""
    require_verified(post.provider)
    if post.status != PostStatus.DRAFT:
        return post
    with transaction.atomic():
        post.status = PostStatus.OPEN
        post.save(update_fields=["status", "updated_at"])
        audit.record(
            post,
            "cooperation_post.published",
            by=by,
            changes={"status": [PostStatus.DRAFT, PostStatus.OPEN]},
        )
    return post


def update_post(*, post: Post, data: Mapping[str, Any], by: Any) -> Post:
    """Saves the changes; an unverified organisation's open post goes back to draft."""
    fields = (*POST_FIELDS, "status")
    with transaction.atomic():
        before = audit.snapshot(post, fields)
        _apply_post(post, data)
        if post.status == PostStatus.OPEN and not may_publish(post.provider):
            post.status = PostStatus.DRAFT
        post.full_clean()
        post.save()
        audit.record(
            post,
            "cooperation_post.updated",
            by=by,
            changes=audit.changes_between(before, audit.snapshot(post, fields)),
        )
    return post


def hold_back_posts(*, provider: Provider, by: Any, via: str = "") -> int:
    """The city withdrew ``provider``'s verification: its open posts leave the board as drafts.

    Saved one by one so the search index follows (posts are few). Returns how many.
    """
    with transaction.atomic():
        posts = list(
            Post.objects.select_for_update().filter(provider=provider, status=PostStatus.OPEN)
        )
        for post in posts:
            post.status = PostStatus.DRAFT
            post.save(update_fields=["status", "updated_at"])
            audit.record(
                post,
                "cooperation_post.held_back",
                by=by,
                via=via,
                changes={"status": [PostStatus.OPEN, PostStatus.DRAFT]},
            )
    return len(posts)


def close_post(*, post: Post, by: Any, via: str = "") -> Post:
    with transaction.atomic():
        before = post.status
        post.status, post.closed_at = PostStatus.CLOSED, timezone.now()
        post.save(update_fields=["status", "closed_at", "updated_at"])
        audit.record(
            post,
            "cooperation_post.closed",
            by=by,
            via=via,
            changes={"status": [before, PostStatus.CLOSED]},
        )
    return post


def close_expired_posts() -> int:
    """Closes open posts whose ``valid_until`` day has passed; returns how many."""
    expired = list(Post.objects.expired().select_related("provider"))
    for post in expired:
        close_post(post=post, by=None, via="expiry")
    return len(expired)


# --- Expressions of interest -------------------------------------------------------------------


def send_interest(
    *,
    sender: Provider,
    message: str,
    by: Any,
    posts: Sequence[Post] = (),
    companies: Sequence[Company] = (),
    about: Post | None = None,
) -> Interest:
    """One message to several posts and companies; each gets its own recipient row.

    Only organisations the city verified may contact others (``UnverifiedProvider``).
    """
    require_verified(sender)
    targets: list[tuple[Provider, Post | None, Company | None]]
    targets = [(post.provider, post, None) for post in posts]
    targets += [(company.provider, None, company) for company in companies]
    _check_recipients(sender, targets, message)
    if about is not None and about.provider_id != sender.pk:
        raise ValidationError(_("You can only refer to your own post."))
    with transaction.atomic():
        interest = Interest.objects.create(
            provider=sender, sent_by=by, about=about, message=message.strip()
        )
        rows = InterestRecipient.objects.bulk_create(
            InterestRecipient(interest=interest, provider=provider, post=post, company=company)
            for provider, post, company in targets
        )
        audit.record(
            interest,
            "interest.sent",
            by=by,
            provider=sender,
            changes={"recipients": [None, [str(row) for row in rows]]},
        )
        transaction.on_commit(lambda: _enqueue_recipient_mails(interest.pk))
    return interest


def _check_recipients(
    sender: Provider, targets: list[tuple[Provider, Post | None, Company | None]], message: str
) -> None:
    if not message.strip():
        raise ValidationError({"message": _("Please write a short message.")})
    if not targets:
        raise ValidationError(_("Please choose at least one recipient."))
    if len(targets) > MAX_RECIPIENTS:
        raise ValidationError(_("Please choose at most %(n)d recipients.") % {"n": MAX_RECIPIENTS})
    if any(provider.pk == sender.pk for provider, _post, _company in targets):
        raise ValidationError(_("You cannot send an interest to your own organisation."))
    # Only posts on the board: a draft (e.g. of an unverified organisation) or a closed post
    # is not public, whichever channel picked it.
    post_ids = {post.pk for _provider, post, _company in targets if post is not None}
    if post_ids and Post.objects.open().filter(pk__in=post_ids).count() != len(post_ids):
        raise ValidationError(_("Please choose only posts that are on the board."))


def _enqueue_recipient_mails(interest_id: int) -> None:
    from .tasks import notify_interest_recipients_task

    notify_interest_recipients_task.enqueue(interest_id=interest_id)


def answer_interest(
    *, recipient: InterestRecipient, status: str, answer: str, by: Any
) -> InterestRecipient:
    """The recipient accepts, asks back (with a question) or declines; the sender is told."""
    if status not in ANSWERS:
        raise ValidationError({"status": _("Please choose an answer.")})
    if status == RecipientStatus.ASKED_BACK and not answer.strip():
        raise ValidationError({"answer": _("Please write your question.")})
    with transaction.atomic():
        before = audit.snapshot(recipient, ["status", "answer"])
        recipient.status, recipient.answer = status, answer.strip()
        recipient.answered_at, recipient.answered_by = timezone.now(), by
        recipient.save(
            update_fields=["status", "answer", "answered_at", "answered_by", "updated_at"]
        )
        audit.record(
            recipient,
            "interest.answered",
            by=by,
            provider=recipient.provider,
            changes=audit.changes_between(before, audit.snapshot(recipient, ["status", "answer"])),
        )
        transaction.on_commit(lambda: _enqueue_answer_mail(recipient.pk))
    return recipient


def _enqueue_answer_mail(recipient_id: int) -> None:
    from .tasks import notify_interest_sender_task

    notify_interest_sender_task.enqueue(recipient_id=recipient_id)
