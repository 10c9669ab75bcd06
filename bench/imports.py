"""Benchmark: OpenImmo import end to end against the bare lxml parsing floor.

Generates an OpenImmo 1.2.7 file of N flats to rent (fixed seed, the elements real
exports carry), migrates a fresh SQLite database in a temporary directory, then runs,
alternately (A B A B …):

  A  ours: the real import service (``run_import``: parse, map, validate, bulk upsert,
     audit entries, task enqueue) for a new provider, so every round creates N flats;
  B  floor: ``lxml.etree.iterparse`` over the same bytes, reading the same fields of
     every <immobilie> (what any importer has to do at the very least).

Checks that both saw N records and that the import created N flats (``exact``).
Last line: ``imports: records_per_s=<n> floor_per_s=<n> ratio=<n>``.

    python bench/imports.py [--flats 10000] [--rounds 3] [--seed 360]
"""

import argparse
import io
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from xml.sax.saxutils import escape

GERA_POSTCODES = {  # postcode: (latitude, longitude) near the centroid, streets
    "07545": (50.8790, 12.0820, ["Sorge", "Johannisplatz", "Schloßstraße", "Greizer Straße"]),
    "07546": (50.9020, 12.0700, ["Karl-Matthes-Straße", "Berliner Straße"]),
    "07548": (50.8770, 12.0550, ["Heinrichstraße", "Ernst-Toller-Straße"]),
    "07549": (50.8580, 12.0610, ["Lusaner Straße", "Werner-Petzold-Straße"]),
    "07551": (50.8440, 12.1040, ["Straße des Friedens", "Zeitzer Straße"]),
    "07552": (50.8620, 12.0900, ["Gagarinstraße", "Bieblacher Straße"]),
}
TITLES = ["Helle {r}-Raum-Wohnung", "Sanierte {r}-Zimmer-Wohnung mit Balkon", "{r} Räume im Grünen"]


def flat_element(number: int, rng: random.Random) -> str:
    postcode = rng.choice(sorted(GERA_POSTCODES))
    lat, lon, streets = GERA_POSTCODES[postcode]
    rooms = rng.choice([1, 1.5, 2, 2, 3, 3, 4, 5])
    space = round(22 + rooms * rng.uniform(16, 24), 2)
    cold = round(space * rng.uniform(5.2, 7.8), 2)
    service = round(space * rng.uniform(1.4, 2.2), 2)
    heating = round(space * rng.uniform(0.9, 1.4), 2)
    balconies = rng.choice([0, 0, 1, 1, 2])
    text = f"Die Wohnung liegt ruhig.<br>Einkaufen und Straßenbahn in der Nähe. Nr. {number}."
    return f"""
    <immobilie>
      <objektkategorie>
        <nutzungsart WOHNEN="true" GEWERBE="false"/>
        <vermarktungsart KAUF="false" MIETE_PACHT="true"/>
        <objektart><wohnung wohnungtyp="ETAGE"/></objektart>
      </objektkategorie>
      <geo>
        <plz>{postcode}</plz>
        <ort>Gera</ort>
        <geokoordinaten breitengrad="{lat + rng.uniform(-0.01, 0.01):.6f}" laengengrad="{lon + rng.uniform(-0.015, 0.015):.6f}"/>
        <strasse>{escape(rng.choice(streets))}</strasse>
        <hausnummer>{rng.randint(1, 120)}</hausnummer>
        <land iso_land="DEU"/>
        <etage>{rng.randint(0, 6)}</etage>
      </geo>
      <kontaktperson>
        <email_zentrale>vermietung@example.org</email_zentrale>
        <name>Vermietung</name>
      </kontaktperson>
      <preise>
        <kaltmiete>{cold}</kaltmiete>
        <nebenkosten>{service}</nebenkosten>
        <heizkosten_enthalten>false</heizkosten_enthalten>
        <heizkosten>{heating}</heizkosten>
        <warmmiete>{round(cold + service + heating, 2)}</warmmiete>
        <kaution>{round(cold * 3, 2)}</kaution>
      </preise>
      <flaechen>
        <wohnflaeche>{space}</wohnflaeche>
        <anzahl_zimmer>{rooms}</anzahl_zimmer>
        <anzahl_balkone>{balconies}</anzahl_balkone>
      </flaechen>
      <ausstattung>
        <fahrstuhl PERSONEN="{str(rng.random() < 0.3).lower()}"/>
        <barrierefrei>{str(rng.random() < 0.1).lower()}</barrierefrei>
      </ausstattung>
      <zustand_angaben><baujahr>{rng.randint(1890, 2020)}</baujahr></zustand_angaben>
      <freitexte>
        <objekttitel>{escape(rng.choice(TITLES).format(r=rooms))}</objekttitel>
        <objektbeschreibung><![CDATA[{text}]]></objektbeschreibung>
      </freitexte>
      <verwaltung_objekt>
        <verfuegbar_ab>sofort</verfuegbar_ab>
        <haustiere>{str(rng.random() < 0.5).lower()}</haustiere>
      </verwaltung_objekt>
      <verwaltung_techn>
        <objektnr_extern>GERA-{number:06d}</objektnr_extern>
        <aktion aktionart="CHANGE"/>
        <openimmo_obid>OBID{number:08d}</openimmo_obid>
        <stand_vom>2026-01-15</stand_vom>
      </verwaltung_techn>
    </immobilie>"""


def generate_openimmo(flats: int, seed: int = 360) -> bytes:
    """An OpenImmo 1.2.7 document with ``flats`` flats to rent in Gera."""
    rng = random.Random(seed)
    body = "".join(flat_element(number, rng) for number in range(1, flats + 1))
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<openimmo>\n'
        '  <uebertragung art="OFFLINE" umfang="VOLL" modus="CHANGE" version="1.2.7"'
        ' sendersoftware="bench" senderversion="1"/>\n'
        f"  <anbieter>\n    <firma>Bench Wohnen</firma>\n    <openimmo_anid>BENCH</openimmo_anid>{body}\n"
        "  </anbieter>\n</openimmo>\n"
    ).encode()


def floor_parse(content: bytes) -> int:
    """The parsing floor: iterparse every <immobilie> and read the fields the importer reads."""
    from lxml import etree

    from stadt360.imports.adapters.openimmo import ATTRIBUTE_PATHS, TEXT_PATHS

    count = 0
    for _event, element in etree.iterparse(
        io.BytesIO(content), tag="immobilie", resolve_entities=False, no_network=True
    ):
        fields = {key: element.findtext(path) for key, path in TEXT_PATHS.items()}
        for key, path in ATTRIBUTE_PATHS.items():
            found = element.find(path)
            fields[key] = dict(found.attrib) if found is not None else None
        count += bool(fields)
        element.clear()
    return count


def setup_django(directory: str) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{directory}/bench.sqlite3"
    os.environ["STADT360_VAR_DIR"] = directory
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "stadt360.config.settings")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)


def ours(content: bytes, round_number: int) -> int:
    from stadt360.imports.models import ImportRun
    from stadt360.imports.services import run_import
    from stadt360.providers.services import create_provider

    provider = create_provider(name=f"Bench Wohnen {round_number}", kind="housing")
    run = ImportRun.objects.create(provider=provider, format="openimmo", file_name="bench.xml")
    run_import(run=run, content=content)
    return run.created


def percentiles(values: list[float]) -> tuple[float, float]:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered), p95


def main(argv: list[str] | None = None) -> str:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--flats", type=int, default=int(10_000 * float(os.environ.get("BENCH_SCALE", "1")))
    )
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seed", type=int, default=360)
    args = parser.parse_args(argv)
    content = generate_openimmo(args.flats, args.seed)
    print(f"file: {args.flats} flats, {len(content) / 1e6:.1f} MB")
    with tempfile.TemporaryDirectory(prefix="bench-imports-") as directory:
        setup_django(directory)
        floor_parse(content)  # warm-up of both paths
        ours(content, 0)
        ours_s, floor_s, exact = [], [], True
        for round_number in range(1, args.rounds + 1):
            start = time.perf_counter()
            created = ours(content, round_number)
            ours_s.append(time.perf_counter() - start)
            start = time.perf_counter()
            seen = floor_parse(content)
            floor_s.append(time.perf_counter() - start)
            exact = exact and created == seen == args.flats
            print(
                f"round {round_number}: ours {ours_s[-1]:.3f} s, floor {floor_s[-1]:.3f} s, created {created}, parsed {seen}"
            )
    (ours_p50, ours_p95), (floor_p50, floor_p95) = percentiles(ours_s), percentiles(floor_s)
    print(
        f"ours  p50 {ours_p50:.3f} s p95 {ours_p95:.3f} s; floor p50 {floor_p50:.3f} s p95 {floor_p95:.3f} s"
    )
    print(f"exact={str(exact).lower()}")
    line = (
        f"imports: records_per_s={args.flats / ours_p50:.0f} floor_per_s={args.flats / floor_p50:.0f} "
        f"ratio={floor_p50 / ours_p50:.3f}"
    )
    print(line)
    return line


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    main()
