"""Kitas and schools: the CSV templates (also in Latin-1) and the Chemnitz open-data GeoJSON."""

from decimal import Decimal

import pytest
from django.utils import translation

from stadt360.childcare.models import Kita
from stadt360.imports.models import RunStatus
from stadt360.schools.models import School
from tests.imports.conftest import DATA, SHARED, import_bytes, import_file

pytestmark = pytest.mark.django_db
CHEMNITZ = SHARED / "kitas_schools"


def template(name: str) -> bytes:
    from stadt360.imports import templates_csv_path

    return (templates_csv_path() / name).read_bytes()


def test_kita_template_imports_with_hours_and_free_places(operator) -> None:
    run = import_bytes(template("kitas.csv"), operator, file_name="kitas.csv")
    assert (run.status, run.format, run.kind, run.created) == (
        RunStatus.SUCCEEDED,
        "kitas",
        "kita",
        1,
    )
    kita = Kita.objects.get()
    assert (kita.capacity, kita.monthly_fee, kita.inclusive) == (80, Decimal("180.00"), True)
    assert kita.opening_hours.count() == 5
    assert kita.free_places.count() == 2
    assert kita.languages == ["de", "en"]


def test_school_template(operator) -> None:
    run = import_bytes(template("schulen.csv"), operator, file_name="schulen.csv")
    school = School.objects.get()
    assert (run.created, school.school_type, school.grade_to, school.all_day_care) == (
        1,
        "grundschule",
        4,
        True,
    )


def test_latin1_csv_is_detected_decoded_and_bad_rows_reported(operator, gera) -> None:
    content = (DATA / "kitas-latin1-source.txt").read_text(encoding="utf-8").encode("latin-1")
    with translation.override("en"):
        run = import_bytes(content, operator, file_name="kitas.csv")
    assert (run.status, run.created, run.rejected) == (RunStatus.PARTIAL, 2, 1)
    assert Kita.objects.get(external_id="K-1").name == "Kita Gänseblümchen"
    assert run.issues.filter(code="encoding", level="warning").exists()
    error = run.issues.get(level="error")
    assert (error.position, error.external_id) == ("Line 3", "K-2")
    assert "Opening hours" in error.message or "opening" in error.message.lower()
    placed = Kita.objects.get(external_id="K-3")
    assert (placed.concept, placed.free_places.count()) == ("forest", 1)
    assert run.issues.filter(code="postcode_centroid", external_id="K-3").exists()


def test_chemnitz_kitas_skip_child_minders_and_store_none_of_their_data(operator) -> None:
    run = import_file(CHEMNITZ / "chemnitz-Kindertageseinrichtungen.geojson", operator)
    assert (run.kind, run.total) == ("kita", 241)
    minders = run.issues.filter(code="child_minder")
    assert minders.count() == 65
    assert run.issues.filter(code="not_childcare").count() == 1  # neither KITA nor HORT
    assert run.skipped == 66
    assert run.created == 241 - 66 - run.rejected
    assert not Kita.objects.filter(name__icontains="tagespflege").exists()
    for issue in minders:
        assert issue.message.startswith("Kindertagespflege")
        assert "@" not in issue.message
    hort = Kita.objects.filter(age_from_months=72)
    assert hort.exists()


def test_chemnitz_schools_map_types_and_report_unknown_ones(operator) -> None:
    with translation.override("en"):
        run = import_file(CHEMNITZ / "chemnitz-Schulen.geojson", operator)
    assert (run.kind, run.total) == ("school", 139)
    unknown = run.issues.filter(code="school_type")
    assert unknown.count() == 6  # 4 "Sonstige Einrichtung", 2 "Schule des zweiten Bildungsweges"
    assert run.created == 133
    assert School.objects.filter(school_type="regelschule").count() == 23  # Oberschule
    assert School.objects.filter(school_type="gymnasium").count() == 14
    assert School.objects.filter(all_day_care=True).exists()
