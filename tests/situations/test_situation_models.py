"""Model-level checks: dependency cycles, requirements across situations, deadlines, admin."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import translation

from stadt360.situations.admin import StepForm
from stadt360.situations.models import Anchor, Situation, Step
from stadt360.situations.services import set_step_requirements


@pytest.fixture(autouse=True)
def english() -> object:
    """Validation messages are asserted through their English msgids."""
    with translation.override("en"):
        yield


def test_set_step_requirements_rejects_a_cycle(catalogue: Situation) -> None:
    landlord = catalogue.steps.get(key="wohnungsgeberbestaetigung")
    registration = catalogue.steps.get(key="anmeldung")
    with pytest.raises(ValidationError, match=r"form a cycle: .*wohnungsgeberbestaetigung"):
        set_step_requirements(step=landlord, requires=[registration])
    assert not landlord.requires.exists()


def test_set_step_requirements_rejects_a_longer_cycle_and_accepts_a_dag(
    catalogue: Situation,
) -> None:
    landlord = catalogue.steps.get(key="wohnungsgeberbestaetigung")
    benefit = catalogue.steps.get(key="kindergeld")
    with pytest.raises(ValidationError, match="cycle"):
        set_step_requirements(
            step=landlord, requires=[benefit]
        )  # benefit → registration → landlord
    radio = catalogue.steps.get(key="rundfunkbeitrag")
    set_step_requirements(step=radio, requires=[landlord])
    assert list(radio.requires.all()) == [landlord]


def test_step_clean_rejects_a_cycle_already_in_the_database(catalogue: Situation) -> None:
    landlord = catalogue.steps.get(key="wohnungsgeberbestaetigung")
    landlord.requires.add(catalogue.steps.get(key="anmeldung"))  # bypasses the service on purpose
    with pytest.raises(ValidationError, match="cycle"):
        landlord.full_clean()


def test_steps_cannot_require_steps_of_another_situation(catalogue: Situation) -> None:
    other = Situation.objects.create(slug="other", title_de="Andere", title_en="Other")
    foreign = Step.objects.create(situation=other, key="x", title_de="X", title_en="X")
    with pytest.raises(ValidationError, match="own situation"):
        set_step_requirements(step=catalogue.steps.get(key="anmeldung"), requires=[foreign])


def test_a_deadline_is_all_or_nothing(catalogue: Situation) -> None:
    step = catalogue.steps.get(key="adresse-aendern")
    step.deadline_days = 14
    with pytest.raises(ValidationError, match="anchor, a number of days and a direction"):
        step.full_clean()


def test_child_anchor_and_child_facts_need_a_per_child_step(catalogue: Situation) -> None:
    step = catalogue.steps.get(key="kindergeld")
    step.deadline_anchor = Anchor.objects.get(key="child_birth")
    with pytest.raises(ValidationError) as refused:
        step.full_clean()
    assert "deadline_anchor" in refused.value.message_dict
    step.refresh_from_db()
    step.condition = {"fact": "child_age_years", "op": "<", "value": 18}
    with pytest.raises(ValidationError) as refused:
        step.full_clean()
    assert "condition" in refused.value.message_dict


def test_an_invalid_condition_is_refused_by_the_field(catalogue: Situation) -> None:
    step = catalogue.steps.get(key="kfz-ummelden")
    step.condition = {"fact": "has_vehicle", "op": "is", "value": True}
    with pytest.raises(ValidationError, match="unknown op 'is'"):
        step.full_clean()


def test_deadline_text_is_translated_data_plus_gettext(catalogue: Situation) -> None:
    step = catalogue.steps.get(key="anmeldung")
    with translation.override("de"):
        assert "14" in step.deadline_text()
        assert step.deadline_text().endswith("dem Einzug")


def test_admin_step_form_rejects_a_cycle(catalogue: Situation) -> None:
    landlord = catalogue.steps.get(key="wohnungsgeberbestaetigung")
    form = StepForm(instance=landlord)
    data = {name: form.initial.get(name) for name in form.fields}
    data = {key: value for key, value in data.items() if value is not None}
    data["requires"] = [catalogue.steps.get(key="anmeldung").pk]
    data["condition"] = "null"
    bound = StepForm(data=data, instance=landlord)
    assert not bound.is_valid()
    assert "cycle" in str(bound.errors["requires"])


@pytest.mark.parametrize(
    "url",
    [
        "admin:situations_situation_changelist",
        "admin:situations_step_changelist",
        "admin:situations_office_changelist",
        "admin:situations_anchor_changelist",
    ],
)
def test_admin_lists_render(catalogue: Situation, admin_client: Client, url: str) -> None:
    assert admin_client.get(reverse(url)).status_code == 200


def test_admin_change_pages_render_with_inlines(catalogue: Situation, admin_client: Client) -> None:
    page = admin_client.get(reverse("admin:situations_situation_change", args=[catalogue.pk]))
    assert page.status_code == 200
    assert "Wohnungsgeberbestätigung" in page.text
    step = catalogue.steps.get(key="anmeldung")
    page = admin_client.get(reverse("admin:situations_step_change", args=[step.pk]))
    assert page.status_code == 200
    assert "title_en" in page.text
