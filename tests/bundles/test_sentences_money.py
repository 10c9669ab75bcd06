"""Money sentences never claim a saving or an amount that rests on an unknown Kita fee."""

from django.utils import translation

from stadt360.bundles import sentences


def test_no_saving_is_claimed_when_a_fee_decides_it() -> None:
    with translation.override("en"):
        text = sentences.reason_text("compared_to_best", {"extra_minutes": 9, "extra_euros": None})
    assert text.startswith("9 more minutes of travel")
    assert "not comparable" in text
    assert "cheaper" not in text


def test_remaining_money_and_fee_are_ranges_when_a_fee_is_unknown() -> None:
    with translation.override("en"):
        ranged = sentences.reason_text("remaining_money", {"euros": 900, "min": 670, "max": 790})
        open_ended = sentences.reason_text(
            "remaining_money", {"euros": 900, "min": None, "max": 900}
        )
        fee = sentences.reason_text("kita_fee_unknown", {"min": 110, "max": 230})
        no_figure = sentences.reason_text("kita_fee_unknown", {"min": 0, "max": None})
    assert "670" in ranged
    assert "790" in ranged
    assert "900" not in ranged
    assert open_ended.startswith("You have at most")
    assert "110" in fee
    assert "230" in fee
    assert no_figure == "The childcare fee is not known"
