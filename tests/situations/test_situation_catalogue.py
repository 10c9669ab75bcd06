"""Loading catalogue files: the shipped one, idempotence, and files that must be refused whole."""

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from stadt360.situations.catalogue import CatalogueError
from stadt360.situations.models import Anchor, Need, Office, Situation, Step
from stadt360.situations.services import DATA_DIR, load_catalogue

DATA = Path(__file__).parent / "data"

SHIPPED = DATA_DIR / "neu-in-gera.json"


def shipped() -> dict[str, Any]:
    return json.loads(SHIPPED.read_text(encoding="utf-8"))


def write(tmp_path: Path, content: dict[str, Any], name: str = "catalogue.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(content, ensure_ascii=False), encoding="utf-8")
    return path


def row_counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count() for model in (Anchor, Office, Situation, Need, Step)
    }


def step_of(content: dict[str, Any], key: str) -> dict[str, Any]:
    return next(step for step in content["situations"][0]["steps"] if step["key"] == key)


@pytest.mark.django_db
def test_shipped_catalogue_loads_in_both_languages() -> None:
    report = load_catalogue()
    assert report.files == [SHIPPED]
    assert report.counts["situations"]["created"] == 1
    situation = Situation.objects.get(slug="neu-in-gera")
    assert situation.is_published
    assert situation.title_de == "Neu in Gera: Arbeit, Wohnen, Kinderbetreuung"
    with translation.override("en"):
        assert situation.title == "New in Gera: work, housing, childcare"
    assert sorted(situation.needs.values_list("kind", flat=True)) == [
        "flat",
        "job",
        "kita_place",
        "school_place",
    ]
    registration = situation.steps.get(key="anmeldung")
    assert registration.legal_basis == "§ 17 Abs. 1 BMG"
    assert (registration.deadline_anchor.key, registration.deadline_days) == ("move_in", 14)
    assert list(registration.requires.values_list("key", flat=True)) == [
        "wohnungsgeberbestaetigung"
    ]
    assert registration.office.key == "buergeramt-gera"
    assert registration.office.to_verify, "an address from the brief is not verified data"


@pytest.mark.django_db
def test_loading_twice_changes_nothing() -> None:
    load_catalogue()
    before = row_counts()
    ids = set(Step.objects.values_list("pk", flat=True))
    report = load_catalogue()
    assert not report.changed
    assert report.counts["steps"]["unchanged"] == before["Step"]
    assert row_counts() == before
    assert set(Step.objects.values_list("pk", flat=True)) == ids


@pytest.mark.django_db
def test_reload_updates_by_key_and_drops_steps_no_longer_in_the_file(tmp_path: Path) -> None:
    load_catalogue()
    content = shipped()
    steps = content["situations"][0]["steps"]
    step_of(content, "anmeldung")["title"]["en"] = "Register where you live"
    content["situations"][0]["steps"] = [step for step in steps if step["key"] != "rundfunkbeitrag"]
    report = load_catalogue(paths=[write(tmp_path, content)])
    assert report.counts["steps"]["updated"] == 1
    assert report.counts["steps"]["deleted"] == 1
    assert Step.objects.get(key="anmeldung").title_en == "Register where you live"
    assert not Step.objects.filter(key="rundfunkbeitrag").exists()


@pytest.mark.django_db
def test_changed_requirements_count_as_an_update(tmp_path: Path) -> None:
    load_catalogue()
    content = shipped()
    step_of(content, "rundfunkbeitrag")["requires"] = ["anmeldung"]
    report = load_catalogue(paths=[write(tmp_path, content)])
    assert report.counts["steps"]["updated"] == 1
    assert list(Step.objects.get(key="rundfunkbeitrag").requires.values_list("key", flat=True)) == [
        "anmeldung"
    ]


def broken(mutate: str) -> dict[str, Any]:
    content = shipped()
    situation = content["situations"][0]
    match mutate:
        case "cycle":
            step_of(content, "wohnungsgeberbestaetigung")["requires"] = ["anmeldung"]
        case "unknown office":
            step_of(content, "anmeldung")["office"] = "rathaus-atlantis"
        case "unknown step":
            step_of(content, "anmeldung")["requires"] = ["nirgendwo"]
        case "unknown anchor":
            step_of(content, "anmeldung")["deadline"]["anchor"] = "moon_landing"
        case "bad condition":
            step_of(content, "kfz-ummelden")["condition"] = {"fact": "cars", "op": ">", "value": 0}
        case "child fact on household step":
            step_of(content, "kindergeld")["condition"] = {
                "fact": "child_age_years",
                "op": "<",
                "value": 18,
            }
        case "child anchor on household step":
            step_of(content, "kindergeld")["deadline"]["anchor"] = "child_birth"
        case "missing english":
            del situation["title"]["en"]
        case "bad per":
            situation["needs"][0]["per"] = "per_pet"
        case "zero days":
            step_of(content, "anmeldung")["deadline"]["days"] = 0
        case "duplicate step":
            situation["steps"].append(copy.deepcopy(step_of(content, "anmeldung")))
        case "unknown field":
            situation["colour"] = "blue"
    return content


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        ("cycle", "cycle: wohnungsgeberbestaetigung → anmeldung → wohnungsgeberbestaetigung"),
        ("unknown office", "office 'rathaus-atlantis' is not defined"),
        ("unknown step", "requires unknown step 'nirgendwo'"),
        ("unknown anchor", "deadline anchor 'moon_landing' is not defined"),
        ("bad condition", "unknown fact 'cars'"),
        ("child fact on household step", "unknown fact 'child_age_years'"),
        ("child anchor on household step", "needs a step that repeats per child"),
        ("missing english", "situations[0].title.en: Field required"),
        ("bad per", "situations[0].needs[0].per"),
        ("zero days", "deadline.days: Input should be greater than or equal to 1"),
        ("duplicate step", "steps: key 'anmeldung' appears more than once"),
        ("unknown field", "situations[0].colour: Extra inputs are not permitted"),
    ],
)
def test_invalid_file_is_refused_with_a_clear_message_and_nothing_written(
    tmp_path: Path, mutate: str, message: str
) -> None:
    with pytest.raises(CatalogueError) as refused:
        load_catalogue(paths=[write(tmp_path, broken(mutate))])
    assert any(
        message in error and error.startswith("catalogue.json") for error in refused.value.errors
    ), refused.value.errors
    assert set(row_counts().values()) == {0}


@pytest.mark.django_db
def test_a_broken_file_leaves_the_loaded_catalogue_untouched(tmp_path: Path) -> None:
    load_catalogue()
    before = row_counts()
    content = broken("cycle")
    content["situations"][0]["title"]["de"] = "Überschrieben"
    good = write(tmp_path, shipped(), "good.json")
    with pytest.raises(CatalogueError):
        load_catalogue(paths=[good, write(tmp_path, content)])
    assert row_counts() == before
    assert Situation.objects.get().title_de == "Neu in Gera: Arbeit, Wohnen, Kinderbetreuung"


@pytest.mark.django_db
def test_model_checks_during_the_write_roll_back_everything(tmp_path: Path) -> None:
    content = shipped()
    content["offices"][-1]["email"] = "not-an-address"  # passes the file schema, fails EmailField
    with pytest.raises(CatalogueError) as refused:
        load_catalogue(paths=[write(tmp_path, content)])
    assert "beitragsservice" in refused.value.errors[0]
    assert "nothing was written" in refused.value.errors[0]
    assert set(row_counts().values()) == {0}, "anchors and offices before it were rolled back"


@pytest.mark.django_db
def test_unreadable_files_are_reported(tmp_path: Path) -> None:
    not_json = tmp_path / "broken.json"
    not_json.write_text("{ nope", encoding="utf-8")
    with pytest.raises(CatalogueError) as refused:
        load_catalogue(paths=[not_json, tmp_path / "missing.json"])
    assert refused.value.errors[0].startswith("broken.json: not valid UTF-8 JSON")
    assert refused.value.errors[1].startswith("missing.json: cannot read the file")


@pytest.mark.django_db
def test_command_loads_and_reports(capsys: pytest.CaptureFixture[str]) -> None:
    call_command("load_situations")
    out = capsys.readouterr().out
    assert "situations: 1 created" in out
    assert "catalogue loaded" in out
    call_command("load_situations", str(SHIPPED))
    assert "catalogue unchanged" in capsys.readouterr().out


@pytest.mark.django_db
def test_command_refuses_a_broken_file_listing_the_problems(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match=r"Nothing was loaded(.|\n)*office 'rathaus-atlantis'"):
        call_command("load_situations", str(write(tmp_path, broken("unknown office"))))
    assert Situation.objects.count() == 0


@pytest.mark.django_db
def test_a_second_situation_is_added_as_data_only() -> None:
    """The test file reuses offices and anchors of the shipped file and adds a need kind."""
    load_catalogue(paths=[SHIPPED, DATA / "familie-bekommt-kind.json"])
    situation = Situation.objects.get(slug="familie-bekommt-kind")
    assert situation.steps.get(key="kindergeld").office.key == "familienkasse"
    assert situation.needs.get(key="midwife").kind == "midwife"
    assert Anchor.objects.filter(key="parental_leave_start").exists()
    assert not load_catalogue(paths=[SHIPPED, DATA / "familie-bekommt-kind.json"]).changed
