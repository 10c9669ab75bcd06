"""A centre editor with MFA writes a news item in /cms/ and schedules it; it appears at the set
time: on the centre's homepage and in the feed, once the worker ran ``publish_scheduled``.

The real admin is driven through the test client: the add view (with the form data the
page editor posts), Wagtail's moderation workflow (the editor cannot publish; a centre
admin approves), then Wagtail's own ``publish_scheduled`` command under freezegun.
"""

from datetime import timedelta

import feedparser
import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from stadt360.site.models import NewsPage, NewsTopic
from tests.accounts.sessions import sign_in_with_second_factor

pytestmark = [
    pytest.mark.django_db,
    # Wagtail 8.0 sends its moderation mails through Django's deprecated get_connection().
    pytest.mark.filterwarnings(
        "ignore:get_connection:django.utils.deprecation.RemovedInDjango2028Warning"
    ),
]

TITLE = "Neues Labor für Sensorik eröffnet"


def news_form(go_live_at, topic: NewsTopic) -> dict:
    return nested_form_data(
        {
            "title": TITLE,
            "slug": "sensorik-labor",
            "date": timezone.localdate().isoformat(),
            "teaser": "Im TGZ können Firmen ab sofort Sensoren testen.",
            "body": rich_text("<p>Das Labor steht allen Mitgliedern offen.</p>"),
            "image_alt": "",
            "topics": [topic.pk],
            "go_live_at": go_live_at.strftime("%Y-%m-%d %H:%M"),
            "comments": inline_formset([]),
        }
    )


def is_shown() -> tuple[bool, bool]:
    visitor = Client()
    homepage = visitor.get("/innovationszentrum/").content.decode()
    feed = feedparser.parse(visitor.get("/innovationszentrum/aktuelles/feed/").content)
    return TITLE in homepage, TITLE in {entry.title for entry in feed.entries}


def test_a_scheduled_news_item_appears_on_the_homepage_and_in_the_feed_at_its_time(
    client, site_tree, centre_editor, centre_admin
) -> None:
    index = site_tree["de"]
    go_live_at = (timezone.localtime() + timedelta(days=2)).replace(second=0, microsecond=0)
    add_url = reverse("wagtailadmin_pages:add", args=("site", "newspage", index.pk))
    editor = sign_in_with_second_factor(client, centre_editor)
    assert editor.get(add_url).status_code == 200

    data = {**news_form(go_live_at, NewsTopic.objects.get(slug="ki")), "action-submit": "1"}
    response = editor.post(add_url, data)

    assert response.status_code == 302, response.content.decode()[:3000]
    news = NewsPage.objects.get(slug="sensorik-labor")
    assert not news.live
    assert news.current_workflow_state is not None

    approver = sign_in_with_second_factor(Client(), centre_admin)
    task_state = news.current_workflow_task_state
    approve_url = reverse(
        "wagtailadmin_pages:workflow_action", args=(news.pk, "approve", task_state.pk)
    )
    assert approver.post(approve_url, {"comment": ""}).status_code in (200, 302)
    news.refresh_from_db()
    assert not news.live
    assert news.scheduled_revision is not None
    assert is_shown() == (False, False)

    call_command("publish_scheduled")  # too early: nothing happens
    assert is_shown() == (False, False)
    with freeze_time(go_live_at + timedelta(minutes=1)):
        call_command("publish_scheduled")
        news.refresh_from_db()
        assert news.live
        assert is_shown() == (True, True)


def test_a_centre_editor_cannot_publish_and_cannot_touch_the_legal_pages(
    client, site_tree, centre_editor
) -> None:
    from stadt360.site.models import LegalPage

    editor = sign_in_with_second_factor(client, centre_editor)
    imprint = LegalPage.objects.get(kind="imprint", locale__language_code="de")
    news = NewsPage.objects.filter(locale__language_code="de").first()

    assert editor.get(reverse("wagtailadmin_pages:edit", args=(news.pk,))).status_code == 200
    assert editor.get(reverse("wagtailadmin_pages:edit", args=(imprint.pk,))).status_code in (
        302,
        403,
    )
    assert not news.permissions_for_user(centre_editor).can_publish()
