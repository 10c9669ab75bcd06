import pytest
from django.contrib.auth import get_user_model

from stadt360.core import audit
from stadt360.core.models import AuditEntry
from tests.factories import FlatFactory

pytestmark = pytest.mark.django_db


def test_record_keeps_actor_provider_and_changed_fields() -> None:
    user = get_user_model().objects.create_user("clerk", password="x-very-long-1")
    flat = FlatFactory(cold_rent=400)
    before = audit.snapshot(flat, ["cold_rent", "title"])
    flat.cold_rent = 450
    changes = audit.changes_between(before, audit.snapshot(flat, ["cold_rent", "title"]))

    entry = audit.record(flat, "flat.updated", by=user, changes=changes)

    assert entry.actor == user
    assert entry.provider == flat.provider
    assert entry.changes == {"cold_rent": [400, 450]}
    assert AuditEntry.objects.filter(object_id=str(flat.pk), action="flat.updated").count() == 1


def test_system_writes_name_their_channel() -> None:
    flat = FlatFactory()
    entry = audit.record(flat, "flat.imported", via="import-run:7")
    assert entry.actor is None
    assert entry.via == "import-run:7"
    assert "flat.imported" in str(entry)
