"""Send one interest to three recipients, one answers, the sender sees each status."""

import pytest

from stadt360.cooperation.choices import RecipientStatus
from stadt360.cooperation.models import Interest, InterestRecipient, Post
from stadt360.core.models import AuditEntry
from tests.accounts.sessions import sign_in_with_second_factor

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.cooperation.urls")]


@pytest.fixture
def sent(client, company_world, django_capture_on_commit_callbacks, mailoutbox):
    """The precision company sends its interest to the CNC offer, the wholesaler and the haulier."""
    world = company_world
    sign_in_with_second_factor(client, world.users["precision"])
    post = world.posts["cnc_need"]
    page = client.get(f"/portal/kooperation/{post.pk}/treffer/")
    assert page.status_code == 200
    targets = [
        f"post:{world.posts['cnc_offer'].pk}",
        f"company:{world.companies['wholesale'].pk}",
        f"company:{world.companies['haulier'].pk}",
    ]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/portal/kooperation/{post.pk}/treffer/",
            {"targets": targets, "message": "Wir suchen Unterstützung bei Aluminiumteilen."},
        )
    assert response.status_code == 302
    client.logout()
    return Interest.objects.get()


def test_one_row_and_one_mail_per_recipient(sent, mailoutbox):
    rows = InterestRecipient.objects.filter(interest=sent)
    assert rows.count() == 3
    assert set(rows.values_list("status", flat=True)) == {RecipientStatus.SENT}
    assert sorted(mail.to[0] for mail in mailoutbox) == [
        "haulier@firma.example",
        "metalwork@firma.example",
        "wholesale@firma.example",
    ]
    assert all("Elster Präzision GmbH" in mail.subject for mail in mailoutbox)
    assert AuditEntry.objects.filter(action="interest.sent").count() == 1


def test_recipient_answers_and_sender_sees_each_status(
    sent, client, company_world, django_capture_on_commit_callbacks, mailoutbox
):
    world = company_world
    row = InterestRecipient.objects.get(
        interest=sent, provider=world.companies["wholesale"].provider
    )
    sign_in_with_second_factor(client, world.users["wholesale"])
    assert "Wir suchen Unterstützung" in client.get("/portal/kooperation/eingang/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/portal/kooperation/eingang/{row.pk}/antworten/",
            {"status": "asked_back", "answer": "Welche Stückzahl brauchen Sie?"},
        )
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.status == RecipientStatus.ASKED_BACK
    assert row.answered_by == world.users["wholesale"]
    assert mailoutbox[-1].to == ["precision@firma.example"]
    assert "Welche Stückzahl" in mailoutbox[-1].body

    sign_in_with_second_factor(client, world.users["precision"])
    outbox = client.get("/portal/kooperation/ausgang/").content.decode()
    assert outbox.count('<tr id="recipient-') == 3
    assert "Welche Stückzahl brauchen Sie?" in outbox
    assert InterestRecipient.objects.filter(interest=sent, status=RecipientStatus.SENT).count() == 2


def test_another_company_cannot_answer_for_a_recipient(sent, client, company_world):
    world = company_world
    row = InterestRecipient.objects.get(
        interest=sent, provider=world.companies["wholesale"].provider
    )
    for intruder in ("haulier", "bakery", "precision"):  # another recipient, a stranger, the sender
        sign_in_with_second_factor(client, world.users[intruder])
        response = client.post(
            f"/portal/kooperation/eingang/{row.pk}/antworten/", {"status": "accepted"}
        )
        assert response.status_code == 404
    row.refresh_from_db()
    assert row.status == RecipientStatus.SENT


def test_ask_back_needs_a_question(sent, client, company_world):
    row = InterestRecipient.objects.get(
        interest=sent, provider=company_world.companies["wholesale"].provider
    )
    sign_in_with_second_factor(client, company_world.users["wholesale"])
    response = client.post(
        f"/portal/kooperation/eingang/{row.pk}/antworten/", {"status": "asked_back"}
    )
    assert response.status_code == 400
    row.refresh_from_db()
    assert row.status == RecipientStatus.SENT


def test_own_posts_only(client, company_world):
    sign_in_with_second_factor(client, company_world.users["bakery"])
    other = company_world.posts["cnc_need"]
    assert client.get(f"/portal/kooperation/{other.pk}/treffer/").status_code == 404
    assert client.post(f"/portal/kooperation/{other.pk}/schliessen/").status_code == 404
    assert Post.objects.get(pk=other.pk).status == "open"


def test_outsider_without_membership_is_refused(client, company_world):
    sign_in_with_second_factor(client, company_world.users["outsider"])
    assert client.get("/portal/kooperation/").status_code == 403


def test_anonymous_goes_to_login(client, company_world):
    response = client.get("/portal/kooperation/eingang/")
    assert response.status_code == 302
    assert "/konto/" in response["Location"]


def test_create_and_close_post(client, company_world):
    sign_in_with_second_factor(client, company_world.users["haulier"])
    response = client.post(
        "/portal/kooperation/neu/",
        {
            "post_type": "project_partner",
            "direction": "need",
            "title": "Partner für E-Lkw-Pilot",
            "text": "Wir suchen Partner für einen Pilotbetrieb mit E-Lkw.",
            "wz_code": "",
            "valid_until": "2099-12-31",
        },
    )
    post = Post.objects.get(title="Partner für E-Lkw-Pilot")
    assert response["Location"] == f"/portal/kooperation/{post.pk}/treffer/"
    assert post.company == company_world.companies["haulier"]
    client.post(f"/portal/kooperation/{post.pk}/schliessen/")
    post.refresh_from_db()
    assert post.status == "closed"
