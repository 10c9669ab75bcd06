"""The index follows writes; search and suggest keep the results contract on both backends."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import override_settings

from stadt360.core.choices import OfferStatus
from stadt360.search.indexing import rebuild_index, reindex_object
from stadt360.search.models import Document, Term
from stadt360.search.registry import registry
from stadt360.search.selectors import search, suggest
from stadt360.search.signals import schedule_reindex
from tests.factories import FlatFactory, JobFactory, KitaFactory, SchoolFactory

IMMEDIATE = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
pytestmark = pytest.mark.django_db


def titles(query: str, **kwargs: object) -> list[str]:
    return [hit.title for hit in search(query=query, **kwargs).hits]  # type: ignore[arg-type]


@override_settings(TASKS=IMMEDIATE)
def test_index_follows_saves_and_deletes_after_commit(django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        job = JobFactory(title="Erzieherin für die Kinderbetreuung", skills=[], occupation=None)
    assert titles("Erzieherin") == ["Erzieherin für die Kinderbetreuung"]
    with django_capture_on_commit_callbacks(execute=True):
        job.title = "Koch in der Kantine"
        job.save()
    assert titles("Erzieherin") == []
    assert titles("Köche") == ["Koch in der Kantine"]
    with django_capture_on_commit_callbacks(execute=True):
        job.delete()
    assert titles("Koch") == []
    assert not Term.objects.filter(term="koch").exists()


@override_settings(TASKS=IMMEDIATE)
def test_unpublished_offers_leave_the_index(django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        flat = FlatFactory(title="Dachgeschosswohnung am Park")
    with django_capture_on_commit_callbacks(execute=True):
        flat.status = OfferStatus.DRAFT
        flat.save()
    assert titles("Dachgeschosswohnung") == []


def test_nothing_is_enqueued_before_commit(django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        job = JobFactory()
        assert schedule_reindex(job)
    assert len(callbacks) == 2  # the receiver's and the explicit call's
    assert schedule_reindex(Term(term="x")) is False


def test_expired_offers_are_not_found_even_before_reindexing() -> None:
    job = JobFactory(
        title="Lagerist", valid_until=datetime.date.today() + datetime.timedelta(days=1)
    )
    reindex_object("job", job.pk)
    Document.objects.filter(object_id=job.pk).update(visible_until=datetime.date(2000, 1, 1))
    assert titles("Lagerist") == []


def test_compounds_synonyms_and_typos_are_found() -> None:
    KitaFactory(name="Kita Sonnenschein", description="Liebevolle Kinderbetreuung in Lusan.")
    JobFactory(
        title="Pflegefachkraft",
        description="Betreuung im Seniorenheim.",
        skills=[],
        occupation=None,
    )
    FlatFactory(title="Wohnung mit Balkon", description="Ruhige Lage.")
    rebuild_index()
    assert titles("Betreuung", kinds=["kita"]) == ["Kita Sonnenschein"]
    assert titles("Kindergarten") == ["Kita Sonnenschein"]
    assert titles("Pflegekräfte") == ["Pflegefachkraft"]
    results = search(query="Wohnnug")
    assert [hit.title for hit in results.hits] == ["Wohnung mit Balkon"]
    assert results.suggestions == ["wohnung"]


def test_results_carry_facets_urls_and_highlighted_snippets() -> None:
    JobFactory(
        title="Erzieher",
        description="Erzieher <gesucht> für die Krippe",
        employment_type="part_time",
        skills=[],
        occupation=None,
    )
    KitaFactory(name="Krippe Spatzennest", description="Krippe ab 1 Jahr")
    SchoolFactory(name="Grundschule Tinz", description="Mit Hort")
    rebuild_index()
    results = search(query="Krippe", language="de")
    assert results.total == 2
    assert results.facets["kind"] == {"job": 1, "kita": 1}
    assert results.facets["employment_type"] == {"part_time": 1}
    job = next(hit for hit in results.hits if hit.kind == "job")
    assert job.snippet == "Erzieher &lt;gesucht&gt; für die <mark>Krippe</mark>"
    assert job.url in (None, f"/stellen/{job.id}/")
    assert results.facet_labels["kind"]["kita"]
    assert titles("Krippe", filters={"employment_type": "part_time"}) == ["Erzieher"]


def test_all_words_rank_before_some_words() -> None:
    FlatFactory(title="2-Raum-Wohnung mit Balkon", description="In Lusan.")
    FlatFactory(title="2-Raum-Wohnung", description="In Lusan.", balcony=False)
    FlatFactory(title="Wohnung mit Balkon", description="In Tinz.", rooms=4)
    rebuild_index()
    assert titles("2-Zimmer Wohnung Balkon Lusan")[0] == "2-Raum-Wohnung mit Balkon"


def test_empty_query_lists_by_filters_and_bad_filters_are_refused() -> None:
    KitaFactory(name="Kita A")
    SchoolFactory(name="Schule B")
    rebuild_index()
    assert titles("", kinds=["kita"]) == ["Kita A"]
    with pytest.raises(ValidationError):
        search(query="x", kinds=["spaceship"])
    with pytest.raises(ValidationError):
        search(query="x", filters={"colour": "red"})
    with pytest.raises(ValidationError):
        search(query="x", page=0)


def test_suggest_completes_the_last_word_by_frequency() -> None:
    FlatFactory(title="Wohnung Balkon", description="Wohnung")
    FlatFactory(title="Wohnung", description="Wohnungsbaugenossenschaft")
    rebuild_index()
    assert suggest(prefix="2-Zimmer Woh")[:2] == [
        "2-Zimmer wohnung",
        "2-Zimmer wohnungsbaugenossenschaft",
    ]
    assert suggest(prefix="") == []


def test_rebuild_command_prints_counts(capsys: pytest.CaptureFixture[str]) -> None:
    JobFactory()
    KitaFactory()
    call_command("rebuild_search_index")
    out = capsys.readouterr().out
    assert "job: 1" in out
    assert "kita: 1" in out
    assert "total: 2" in out


def test_every_registered_kind_has_a_visible_queryset() -> None:
    assert {kind.name for kind in registry} >= {"job", "flat", "kita", "school"}
    for kind in registry:
        assert kind.visible().model is kind.model
