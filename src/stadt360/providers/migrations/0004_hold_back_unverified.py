"""Takes back what unverified organisations published before the publish rule held.

Issue 8, item 4: feed imports used to publish offers of organisations the city had not
verified, and their cooperation posts went on the board at once. The write services now
refuse that, but offers and posts published through the old paths stayed public. This
migration puts them back to draft, one audit entry each (channel ``migration``), as
``offers.services.hold_back_provider`` does when the city rejects an organisation.
Their search entries are removed with them (the search shows entries, not rows); the
bundle snapshot follows the changed ``updated_at``. Historical models only (no services),
so it runs on any later code.
"""

from django.db import migrations
from django.utils import timezone

OFFER_MODELS = [("jobs", "Job"), ("housing", "Flat"), ("childcare", "Kita"), ("schools", "School")]
KEYS = {"Job": "job", "Flat": "flat", "Kita": "kita", "School": "school"}


def take_back(model, status_from, status_to, action, audit, content_type, search):
    rows = list(model.objects.filter(provider__verified=False, status=status_from))
    if not rows:
        return 0
    ids = [row.pk for row in rows]
    model.objects.filter(pk__in=ids).update(status=status_to, updated_at=timezone.now())
    search.objects.filter(kind=action.split(".")[0], object_id__in=ids).delete()
    audit.objects.bulk_create(
        audit(
            via="migration",
            provider_id=row.provider_id,
            content_type=content_type,
            object_id=str(row.pk),
            object_repr=str(getattr(row, "title", "") or getattr(row, "name", ""))[:200],
            action=action,
            changes={"status": [status_from, status_to]},
        )
        for row in rows
    )
    return len(rows)


def hold_back_unverified(apps, schema_editor=None) -> int:
    """Returns how many offers and posts were taken back (for the test)."""
    audit = apps.get_model("core", "AuditEntry")
    search = apps.get_model("search", "Document")
    content_types = apps.get_model("contenttypes", "ContentType")
    taken = 0
    for app_label, name in OFFER_MODELS:
        model = apps.get_model(app_label, name)
        kind = content_types.objects.get_or_create(app_label=app_label, model=name.lower())[0]
        action = f"{KEYS[name]}.held_back"
        taken += take_back(model, "published", "draft", action, audit, kind, search)
    post = apps.get_model("cooperation", "Post")
    kind = content_types.objects.get_or_create(app_label="cooperation", model="post")[0]
    taken += take_back(post, "open", "draft", "cooperation_post.held_back", audit, kind, search)
    return taken



def forwards(apps, schema_editor) -> None:
    hold_back_unverified(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("providers", "0003_apitoken"),
        ("core", "0002_audit_entry"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("jobs", "0002_offer_reminded_at"),
        ("housing", "0002_offer_reminded_at"),
        ("childcare", "0002_offer_reminded_at"),
        ("schools", "0002_offer_reminded_at"),
        ("cooperation", "0002_post_draft_status"),
        ("search", "0002_backend_tables"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
