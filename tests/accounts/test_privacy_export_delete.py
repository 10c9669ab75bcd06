"""Export (Art. 15) and deletion (Art. 17) over every model the privacy registry covers."""

import json

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied, ValidationError

from stadt360.accounts.privacy import DELETED_ACCOUNT, covered_models, export_personal_data
from stadt360.accounts.services import delete_account
from stadt360.companies.models import Company
from stadt360.core.models import AuditEntry
from stadt360.jobs.models import Job
from stadt360.providers.models import MemberRole, Membership, Provider
from tests.accounts.privacy_world import make_person, rows_mentioning
from tests.factories import JobFactory
from tests.portal.world import add_member, make_user


@pytest.fixture
def people(db):
    bert = make_person("bert")
    anna = make_person("anna", partner=bert.provider)
    return anna, bert


ORGANISATION_RECORDS = {
    "cooperation.Interest",  # a message sent in the organisation's name
    "cooperation.InterestRecipient",  # an answer given in the organisation's name
    "cooperation.Post",  # the organisation's post
    "core.AuditEntry",  # the facts: what was changed, without who
    "imports.ImportRun",  # the organisation's import of its feed file
    "providers.ApiToken",  # the organisation's API key, by its name
    "public.BarrierReport",  # the barrier still has to be removed
}


def _session_users() -> list[str]:
    return [s.get_decoded().get("_auth_user_id") for s in Session.objects.all()]


def test_export_holds_the_persons_data_of_every_kind_and_nobody_elses(people):
    anna, _bert = people
    document = export_personal_data(user=anna.user)
    text = json.dumps(document, ensure_ascii=False)
    data = document["data"]
    empty = [key for key, value in data.items() if not value or value == {}]
    assert empty == []
    assert all(any(part for part in v.values()) for v in data.values() if isinstance(v, dict))
    for needle in (anna.email, "anna-mark-browser", "anna-mark key", "anna-mark hello"):
        assert needle in text
    for needle in ("anna-mark we need", "anna-mark yes", "anna-mark.xml", "anna-mark admin"):
        assert needle in text
    assert data["barrier_reports"][0]["description"] == "anna-mark contrast too low"
    assert [a["type"] for a in data["authenticators"]] == ["totp"]
    assert data["memberships"] == [
        {
            "provider__name": "anna GmbH",
            "role": "admin",
            "created_at": data["memberships"][0]["created_at"],
        }
    ]
    # Another person: neither their address, name, texts nor sign-ins.
    assert "bert" not in text.lower()
    # Secrets never: no TOTP secret, no key hash, no password hash, no invitee's address.
    assert "secret" not in text
    assert "pbkdf2" not in text
    assert "md5$" not in text
    assert "invitee@elsewhere.example" not in text


def test_export_counts_only_verified_addresses(people):
    anna, bert = people
    anna.user.emailaddress_set.create(email=bert.email.replace("@", "+x@"), verified=False)
    from stadt360.accounts.privacy import Person

    assert Person.of(anna.user).emails == {anna.email}


def test_deletion_removes_or_anonymises_every_covered_row_and_keeps_the_others(people):
    anna, bert = people
    models = [apps.get_model(label) for label in sorted(covered_models())]
    bert_before = {m._meta.label: rows_mentioning(m, bert.email) for m in models}
    bert_marks = {m._meta.label: rows_mentioning(m, bert.mark) for m in models}
    audit_before = AuditEntry.objects.count()

    delete_account(user=anna.user, by=anna.user)

    assert {m._meta.label: rows_mentioning(m, anna.email) for m in models} == dict.fromkeys(
        bert_before, 0
    )
    texts_left = {m._meta.label for m in models if rows_mentioning(m, anna.mark)}
    # Texts the person wrote for an organisation stay with it, without the person's name.
    assert texts_left == ORGANISATION_RECORDS
    assert not get_user_model().objects.filter(pk=anna.user.pk).exists()
    assert str(anna.user.pk) not in _session_users()
    assert not Membership.objects.filter(provider=anna.provider).exists()
    assert Provider.objects.filter(pk=anna.provider.pk, email="").exists()
    # Every other person's rows are untouched.
    assert {m._meta.label: rows_mentioning(m, bert.email) for m in models} == bert_before
    assert {m._meta.label: rows_mentioning(m, bert.mark) for m in models} == bert_marks
    assert str(bert.user.pk) in _session_users()
    # Facts stay, with a placeholder, and the deletion itself is audited without the person.
    assert AuditEntry.objects.count() == audit_before + 1
    deleted = AuditEntry.objects.get(action="user.deleted")
    assert deleted.actor is None
    assert deleted.via == DELETED_ACCOUNT
    assert deleted.object_repr == DELETED_ACCOUNT
    assert AuditEntry.objects.filter(via=DELETED_ACCOUNT).count() > 5
    assert rows_mentioning(Company, "Anna Muster") == 0  # contact name left with the address


def test_sole_admin_of_an_organisation_with_members_is_refused_and_nothing_changes(people):
    anna, _bert = people
    colleague = make_user("kollegin@privacy.example")
    add_member(colleague, anna.provider, MemberRole.EDITOR)
    audit_before = AuditEntry.objects.count()
    with pytest.raises(ValidationError, match="anna GmbH"):
        delete_account(user=anna.user, by=anna.user)
    assert get_user_model().objects.filter(pk=anna.user.pk).exists()
    assert AuditEntry.objects.count() == audit_before
    # Once the colleague is an administrator too, the account can go.
    Membership.objects.filter(user=colleague).update(role=MemberRole.ADMIN)
    delete_account(user=anna.user, by=anna.user)
    assert Membership.objects.filter(provider=anna.provider).count() == 1


def test_the_only_member_leaves_the_organisation_standing_with_its_offers(people):
    anna, _bert = people
    job = JobFactory(provider=anna.provider)
    delete_account(user=anna.user, by=anna.user)
    assert Provider.objects.filter(pk=anna.provider.pk).exists()
    assert Job.objects.filter(pk=job.pk).exists()
    entry = AuditEntry.objects.get(action="user.deleted")
    assert entry.changes == {"organisations_left_without_members": [[anna.provider.pk], []]}


def test_nobody_deletes_another_persons_account(people):
    anna, bert = people
    with pytest.raises(PermissionDenied):
        delete_account(user=anna.user, by=bert.user)
    assert get_user_model().objects.filter(pk=anna.user.pk).exists()


@pytest.mark.django_db
def test_the_last_city_admin_is_refused_until_there_is_another():
    from stadt360.accounts.roles import Role

    admin = make_user("stadt@gera.example", role=Role.CITY_ADMIN)
    with pytest.raises(ValidationError, match="letzte Administrator"):
        delete_account(user=admin, by=admin)
    assert get_user_model().objects.filter(pk=admin.pk).exists()
    make_user("vertretung@gera.example", role=Role.CITY_ADMIN)
    delete_account(user=admin, by=admin)
    assert not get_user_model().objects.filter(pk=admin.pk).exists()
