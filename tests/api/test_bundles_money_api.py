"""POST /api/v1/bundles/search: marital status, tax class and Kita fees in the money part."""

import pytest

from tests.api.test_bundles_api import FAMILY, URL

pytestmark = pytest.mark.django_db


def _household(**changes: object) -> dict:
    return {**FAMILY, "household": {**FAMILY["household"], **changes}}


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"adults": 1, "married": True}, "married", "two adults"),
        ({"tax_class": 3}, "tax_class", "married"),
        ({"tax_class": 5}, "tax_class", "married"),
        ({"tax_class": 2}, "tax_class", "single adult"),
        ({"married": True, "tax_class": 1}, "tax_class", "not I or II"),
        ({"tax_class": 7}, "tax_class", ""),
        ({"tax_class": 0}, "tax_class", ""),
        ({"adults": 1, "children": [], "tax_class": 6}, "tax_class", "second job"),
    ],
)
def test_absurd_marital_and_tax_combinations_are_422_naming_the_field(
    client, db, changes, field, words
) -> None:
    response = client.post(URL, _household(**changes), content_type="application/json")
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert detail[0]["loc"] == ["body", "query", "household", field]
    assert words in detail[0]["msg"]


def test_marriage_raises_the_net_pay_of_a_sole_earner(client, family_world) -> None:
    def net(**changes: object) -> float:
        body = client.post(URL, _household(**changes), content_type="application/json").json()
        return body["bundles"][0]["money"]["net_income"]

    unmarried = net()  # two adults, not married: class I
    married = net(married=True)  # class III
    assert married > unmarried + 100
    assert net(married=True, tax_class=4) < married


def test_money_carries_fee_ranges_and_sources(client, family_world) -> None:
    bundles = client.post(URL, FAMILY, content_type="application/json").json()["bundles"]
    for bundle in bundles:
        money = bundle["money"]
        assert {"kita_fees_min", "kita_fees_max", "kita_fees_source", "remaining_min"} <= set(money)
        fees = [part["fee"] for part in bundle["care"] if part["kita"]]
        assert all(fee["source"] in {"provider", "schedule", "free_by_law"} for fee in fees)
        assert money["kita_fees_known"] == all(fee["min"] == fee["max"] for fee in fees)
        if not money["kita_fees_known"]:
            assert money["kita_fees_max"] > money["kita_fees_min"]
            assert money["remaining_min"] < money["remaining_max"]


def test_the_additional_health_contribution_is_a_setting(client, family_world, settings) -> None:
    def money() -> dict:
        body = client.post(URL, _household(married=True), content_type="application/json")
        return body.json()["bundles"][0]["money"]

    before = money()
    settings.STADT360_HEALTH_EXTRA_RATE = 0.039  # one point more: the employee pays half
    after = money()
    assert after["gross_income"] == before["gross_income"]
    # Health 0.5 % of the gross more, minus a little less wage tax (a larger Vorsorgepauschale).
    extra = 0.005 * before["gross_income"]
    assert extra * 0.6 < before["net_income"] - after["net_income"] <= extra
