"""Shared pieces of the newsletter tests: topics, a signed-up address, mail helpers."""

import re
from collections.abc import Callable

import pytest
from django.core import mail
from django.test import Client

from stadt360.newsletter.models import Subscriber, Topic

TOPICS = {
    "innovationszentrum": "Innovationszentrum & Veranstaltungen",
    "wirtschaft": "Wirtschaft in Gera",
    "foerderprogramme": "Förderprogramme",
    "ki-daten": "KI & Daten",
}


@pytest.fixture
def topics(db: None) -> dict[str, Topic]:
    """The seeded topics (the migration creates them; recreated after a flush)."""
    return {
        slug: Topic.objects.update_or_create(
            slug=slug, defaults={"title": title, "position": position}
        )[0]
        for position, (slug, title) in enumerate(TOPICS.items())
    }


def link_in(message: mail.EmailMessage, name: str) -> str:
    """The path of the first link to ``/newsletter/<name>/…`` in the mail's text."""
    found = re.search(rf"https?://[^/\s]+(/(?:en/)?newsletter/{name}/[^\s]+/)", message.body)
    assert found, f"no {name} link in: {message.body}"
    return found.group(1)


@pytest.fixture
def sign_up(
    client: Client,
    topics: dict[str, Topic],
    immediate_tasks: None,
    django_capture_on_commit_callbacks: Callable,
) -> Callable[..., object]:
    """``sign_up(email, topics=[...])``: posts the sign-up form, mails sent at once."""

    def post(email: str, chosen: list[str] | None = None, **extra: object) -> object:
        data = {"email": email, "topics": chosen or [], "consent": "on", **extra}
        with django_capture_on_commit_callbacks(execute=True):
            return client.post("/newsletter/", data)

    return post


@pytest.fixture
def confirmed(client: Client, sign_up: Callable[..., object]) -> Callable[..., Subscriber]:
    """``confirmed(email, topics)``: signed up and confirmed through the mailed link."""

    def make(email: str, chosen: list[str] | None = None) -> Subscriber:
        sign_up(email, chosen)
        client.post(link_in(mail.outbox[-1], "bestaetigen"))
        return Subscriber.objects.get(email=email.lower())

    return make
