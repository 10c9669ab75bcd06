import pytest
from django.utils import translation

from stadt360.cooperation.matching import matches_for

pytestmark = pytest.mark.django_db


def explained(post):
    with translation.override("en"):
        return [(m.kind, str(m.target), [r.text for r in m.reasons]) for m in matches_for(post)]


def test_offer_of_the_same_trade_ranks_first_with_all_reasons(company_world):
    found = explained(company_world.posts["cnc_need"])
    kind, name, reasons = found[0]
    assert (kind, name) == ("post", "Freie CNC-Kapazität")
    assert reasons == [
        "a need meets a matching offer",
        "same industry: Metal products",
        "text matches: CNC, Zerspanung",
        "similar company size",
        "1.0 km away",
    ]


def test_complementary_industries_are_suggested_with_the_relation(company_world):
    found = {name: reasons for _kind, name, reasons in explained(company_world.posts["cnc_need"])}
    assert (
        "complementary industry: Wholesale supplies Metal products"
        in found["Werkzeughandel Osterland GmbH"]
    )
    assert (
        "complementary industry: Land transport supplies Metal products" in found["Spedition Wolf"]
    )


def test_no_match_without_industry_or_text(company_world):
    names = [name for _kind, name, _reasons in explained(company_world.posts["cnc_need"])]
    # Spare oven capacity answers "supplier wanted" by type only: not suggested.
    assert "Backofen frei am Wochenende" not in names
    assert "Elster Präzision GmbH" not in names  # never the poster itself


def test_ranking_is_by_score(company_world):
    scores = [m.score for m in matches_for(company_world.posts["cnc_need"])]
    assert scores == sorted(scores, reverse=True)
    assert scores[0] > scores[-1]


def test_closed_posts_are_no_counterparts(company_world):
    from stadt360.cooperation.services import close_post

    close_post(post=company_world.posts["cnc_offer"], by=None)
    names = [name for _kind, name, _r in explained(company_world.posts["cnc_need"])]
    assert "Freie CNC-Kapazität" not in names
