"""OpenImmo XML 1.2.x (or a ZIP with the XML and images) → flats to rent.

Parsing checks the document's structure (no XSD: it may not be redistributed; a licensed
one is used when ``OPENIMMO_XSD_PATH`` is set) and extracts each ``<immobilie>``'s fields
with its element path. Mapping turns those fields into flat data: rent objects only, sale
objects are skipped with a message, ``aktion="DELETE"`` withdraws the offer.
IS24, ImmoXML and OpenImmo-Feedback documents are refused instead of mis-read.
"""

import datetime
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from lxml import etree

from .. import conf
from .base import (
    Feed,
    FeedRejected,
    MapContext,
    Options,
    Problem,
    RawRecord,
    Record,
    read_deposit,
    read_floor,
)
from .values import (
    clip,
    find_date,
    is_immediate,
    on_the_globe,
    parse_amount,
    parse_bool,
    parse_decimal,
    plain_text,
    text,
)
from .xmlsafe import localname, namespace, parse_xml, strip_namespaces

FORMAT = "openimmo"
KIND = "flat"
SUPPORTED_MAJOR = "1."
XSD_ISSUES_SHOWN = 20
# objektart children that are homes to live in; everything else is not a flat.
PETS = {True: "allowed", False: "not_allowed", None: "on_request"}
RESIDENTIAL = {"wohnung", "zimmer", "haus", "wohnen_auf_zeit"}
TEXT_PATHS = {
    "plz": "geo/plz",
    "ort": "geo/ort",
    "strasse": "geo/strasse",
    "hausnummer": "geo/hausnummer",
    "etage": "geo/etage",
    "kaltmiete": "preise/kaltmiete",
    "nettokaltmiete": "preise/nettokaltmiete",
    "nebenkosten": "preise/nebenkosten",
    "heizkosten": "preise/heizkosten",
    "heizkosten_enthalten": "preise/heizkosten_enthalten",
    "warmmiete": "preise/warmmiete",
    "kaution": "preise/kaution",
    "kaution_text": "preise/kaution_text",
    "kaufpreis": "preise/kaufpreis",
    "anzahl_zimmer": "flaechen/anzahl_zimmer",
    "wohnflaeche": "flaechen/wohnflaeche",
    "anzahl_balkone": "flaechen/anzahl_balkone",
    "anzahl_terrassen": "flaechen/anzahl_terrassen",
    "anzahl_balkon_terrassen": "flaechen/anzahl_balkon_terrassen",
    "barrierefrei": "ausstattung/barrierefrei",
    "rollstuhlgerecht": "ausstattung/rollstuhlgerecht",
    "haustiere": "verwaltung_objekt/haustiere",
    "verfuegbar_ab": "verwaltung_objekt/verfuegbar_ab",
    "abdatum": "verwaltung_objekt/abdatum",
    "wbs_sozialwohnung": "verwaltung_objekt/wbs_sozialwohnung",
    "objekttitel": "freitexte/objekttitel",
    "objektbeschreibung": "freitexte/objektbeschreibung",
    "objektnr_extern": "verwaltung_techn/objektnr_extern",
    "openimmo_obid": "verwaltung_techn/openimmo_obid",
}
ATTRIBUTE_PATHS = {
    "nutzungsart": "objektkategorie/nutzungsart",
    "vermarktungsart": "objektkategorie/vermarktungsart",
    "geokoordinaten": "geo/geokoordinaten",
    "fahrstuhl": "ausstattung/fahrstuhl",
    "aktion": "verwaltung_techn/aktion",
}


# --- parsing ---------------------------------------------------------------------------------


def parse(content: bytes, *, options: Options) -> Feed:
    from ..reading import is_zip, unpack_zip

    if is_zip(content):
        content, _name = unpack_zip(content)
    root = parse_xml(content)
    check_document(root)
    if namespace(root):
        strip_namespaces(root)
    notes = validate_with_xsd(root)
    version = root.find("uebertragung")
    if version is None:
        notes.append(Problem(_("The file has no <uebertragung> element; OpenImmo 1.2 assumed.")))
    records = [
        RawRecord(position=f"/openimmo/anbieter[{a}]/immobilie[{i}]", fields=extract(immobilie))
        for a, anbieter in enumerate(root.iterfind("anbieter"), start=1)
        for i, immobilie in enumerate(anbieter.iterfind("immobilie"), start=1)
    ]
    return Feed(format=FORMAT, kind=KIND, records=records, mapper=to_record, notes=notes)


def check_document(root: etree._Element) -> None:
    """Refuses the look-alike formats with a clear message; checks the basic structure."""
    name, uri = localname(root), namespace(root)
    if name == "IS24ImmobilienTransfer" or "immobilienscout24" in uri:
        raise FeedRejected(
            _(
                "This is an ImmobilienScout24 export (IS24ImmobilienTransfer), not OpenImmo. "
                "Please export in OpenImmo format."
            ),
            code="is24",
        )
    if name == "immoxml" or "immoxml" in uri:
        raise FeedRejected(
            _("This is an ImmoXML file, not OpenImmo. Please export in OpenImmo format."),
            code="immoxml",
        )
    if name == "openimmo_feedback":
        raise FeedRejected(
            _(
                "This is an OpenImmo-Feedback document (enquiries about objects), "
                "not a listing of flats."
            ),
            code="openimmo_feedback",
        )
    if name != "openimmo":
        raise FeedRejected(
            _("This XML file is not OpenImmo (its root element is <%(name)s>).") % {"name": name},
            code="not_openimmo",
        )
    transfer = root.find("{*}uebertragung")
    version = transfer.get("version", "") if transfer is not None else ""
    if version and not version.startswith(SUPPORTED_MAJOR):
        raise FeedRejected(
            _("OpenImmo version %(version)s is not supported (1.2.x is).") % {"version": version},
            code="openimmo_version",
        )
    if root.find("{*}anbieter") is None:
        raise FeedRejected(_("The OpenImmo file has no <anbieter> element."), code="structure")


def validate_with_xsd(root: etree._Element) -> list[Problem]:
    """With a licensed XSD configured, its findings become notes (real exports rarely pass)."""
    path = conf.openimmo_xsd_path()
    if not path:
        return []
    schema = etree.XMLSchema(etree.parse(path, etree.XMLParser(no_network=True)))
    if schema.validate(root):
        return []
    return [
        Problem(_("XSD, line %(line)s: %(message)s") % {"line": e.line, "message": e.message})
        for e in list(schema.error_log)[:XSD_ISSUES_SHOWN]
    ]


def extract(immobilie: etree._Element) -> dict[str, Any]:
    """The source fields of one object: texts, attribute sets and the objektart names.

    One pass over the object's two upper levels (``section/element``) instead of one
    path search per field: the first element of each path counts, as with ``find``.
    """
    found: dict[str, etree._Element] = {}
    for section in immobilie:
        for element in section:
            found.setdefault(f"{section.tag}/{element.tag}", element)
    fields: dict[str, Any] = {}
    for key, path in TEXT_PATHS.items():
        element = found.get(path)
        fields[key] = text(element.text) if element is not None else ""
    for key, path in ATTRIBUTE_PATHS.items():
        element = found.get(path)
        fields[key] = dict(element.attrib) if element is not None else None
    objektart = found.get("objektkategorie/objektart")
    fields["objektart"] = [child.tag for child in objektart] if objektart is not None else []
    return fields


# --- mapping ---------------------------------------------------------------------------------


def flags(attributes: dict[str, str] | None) -> set[str]:
    """The names of the attributes set to true (``KAUF="true"``, ``PERSONEN="1"``)."""
    return {key.upper() for key, value in (attributes or {}).items() if parse_bool(value)}


def to_record(raw: RawRecord, context: MapContext) -> Record:
    f = raw.fields
    record = Record(
        position=raw.position, external_id=clip(f["objektnr_extern"] or f["openimmo_obid"], 120)
    )
    action = text((f["aktion"] or {}).get("aktionart")).upper()
    if not record.external_id:
        return record.reject(
            _("Object number (objektnr_extern) is missing."), field="external_id", code="missing"
        )
    if action == "DELETE":
        record.action = record.action.WITHDRAW
        return record
    if action == "REFERENZ":
        return record.skip(
            _("Reference object (already let or sold): not imported."), code="reference"
        )
    if reason := not_a_rental_flat(f):
        return record.skip(reason, code="not_rental_flat")
    try:
        record.data = flat_data(f, record, context)
    except ValueError as error:
        field, message = error.args if len(error.args) == 2 else ("", str(error))
        return record.reject(message, field=field, code="invalid")
    return record


def not_a_rental_flat(f: dict[str, Any]) -> str:
    marketing, usage = flags(f["vermarktungsart"]), flags(f["nutzungsart"])
    if marketing and not marketing & {"MIETE_PACHT", "MIETE"}:
        return _("Object for sale (vermarktungsart %(kind)s): only flats to rent are imported.") % {
            "kind": ", ".join(sorted(marketing))
        }
    if not marketing and f["kaufpreis"] and not (f["kaltmiete"] or f["nettokaltmiete"]):
        return _("Object for sale (purchase price, no rent): only flats to rent are imported.")
    if usage and "WOHNEN" not in usage:
        return _("Commercial object (nutzungsart %(kind)s): only homes are imported.") % {
            "kind": ", ".join(sorted(usage))
        }
    kinds = set(f["objektart"])
    if kinds and not kinds & RESIDENTIAL:
        return _("Not a home (objektart %(kind)s): only flats are imported.") % {
            "kind": ", ".join(sorted(kinds))
        }
    return ""


def number(f: dict[str, Any], key: str, label: str) -> Decimal | None:
    try:
        return parse_decimal(f[key])
    except ValueError:
        raise ValueError(
            key, _("%(label)s is not a number: “%(value)s”.") % {"label": label, "value": f[key]}
        ) from None


def flat_data(f: dict[str, Any], record: Record, context: MapContext) -> dict[str, Any]:
    rent = rents(f, record)
    rooms = number(f, "anzahl_zimmer", _("Number of rooms"))
    space = number(f, "wohnflaeche", _("Living space"))
    if rooms is None:
        raise ValueError("anzahl_zimmer", _("Number of rooms (anzahl_zimmer) is missing."))
    if space is None:
        raise ValueError("wohnflaeche", _("Living space (wohnflaeche) is missing."))
    data = {
        **rent,
        **place(f, record, context),
        "status": "published",
        "rooms": rooms,
        "living_space": space,
        "title": clip(plain_text(f["objekttitel"]), 200)
        or _("%(rooms)s-room flat in %(city)s") % {"rooms": rooms.normalize(), "city": f["ort"]},
        "description": plain_text(f["objektbeschreibung"]),
        "balcony": balcony(f),
        "lift": bool(flags(f["fahrstuhl"])),
        "step_free": bool(parse_bool(f["barrierefrei"]) or parse_bool(f["rollstuhlgerecht"])),
        "pets": PETS[parse_bool(f["haustiere"])],
        "wbs_required": bool(parse_bool(f["wbs_sozialwohnung"])),
        "available_from": available_from(f, record),
        "floor": read_floor(record, f["etage"], field="etage"),
    }
    return data


def rents(f: dict[str, Any], record: Record) -> dict[str, Any]:
    """The cold rent is required; the other amounts are optional (unreadable → empty, noted)."""
    cold = number(f, "kaltmiete", _("Cold rent")) or number(f, "nettokaltmiete", _("Cold rent"))
    if cold is None:
        raise ValueError("kaltmiete", _("Cold rent (kaltmiete) is missing."))
    service = optional_amount(f, record, "nebenkosten", _("Service costs")) or Decimal(0)
    heating = optional_amount(f, record, "heizkosten", _("Heating costs"))
    warm = optional_amount(f, record, "warmmiete", _("Warm rent"))
    if heating is None:
        included = parse_bool(f["heizkosten_enthalten"])
        heating = (
            warm - cold - service if warm and not included and warm > cold + service else Decimal(0)
        )
    deposit_field = "kaution" if f["kaution"] or not f["kaution_text"] else "kaution_text"
    return {
        "cold_rent": cold,
        "service_costs": service,
        "heating_costs": heating,
        "deposit": read_deposit(
            record,
            f[deposit_field],
            field=deposit_field,
            cold_rent=cold,
            warm_rent=warm or cold + service + heating,
        ),
    }


def optional_amount(f: dict[str, Any], record: Record, key: str, label: str) -> Decimal | None:
    return record.optional(parse_amount, f[key], field=key, label=label)


def place(f: dict[str, Any], record: Record, context: MapContext) -> dict[str, Any]:
    postcode = f["plz"]
    if not postcode:
        raise ValueError("plz", _("Postcode (plz) is missing."))
    street = " ".join(part for part in (f["strasse"], f["hausnummer"]) if part)
    coordinates = f["geokoordinaten"] or {}
    try:
        latitude, longitude = on_the_globe(coordinates["breitengrad"], coordinates["laengengrad"])
    except (KeyError, ValueError):
        centroid = context.postcode_centroid(postcode)
        if centroid is None:
            raise ValueError(
                "geokoordinaten",
                _(
                    "No coordinates, and postcode %(postcode)s is unknown: the flat cannot be placed on the map."
                )
                % {"postcode": postcode},
            ) from None
        latitude, longitude = centroid
        record.note(
            _("No coordinates: placed at the centre of postcode %(postcode)s.")
            % {"postcode": postcode},
            field="geokoordinaten",
            code="postcode_centroid",
        )
    return {
        "postcode": postcode[:5],
        "city": clip(f["ort"], 120),
        "street": clip(street, 200),
        "latitude": latitude,
        "longitude": longitude,
    }


def balcony(f: dict[str, Any]) -> bool:
    counts = (f["anzahl_balkone"], f["anzahl_terrassen"], f["anzahl_balkon_terrassen"])
    return any((parse_decimal(value) or 0) > 0 for value in counts if _is_number(value))


def _is_number(value: str) -> bool:
    try:
        parse_decimal(value)
    except ValueError:
        return False
    return True


def available_from(f: dict[str, Any], record: Record) -> datetime.date | None:
    for key in ("abdatum", "verfuegbar_ab"):
        try:
            if day := find_date(f[key]):
                return day
        except ValueError:
            if not is_immediate(f[key]):
                record.unreadable(f[key], field=key, label=_("Available from"))
    return None
