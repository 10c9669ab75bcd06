"""Analysis: stems, compounds, edit distance, synonyms and snippets (no database)."""

from stadt360.search import synonyms, text
from stadt360.search.highlight import highlight
from stadt360.search.vocabulary import closest, distance, from_words


def test_stems_fold_umlauts_and_feminine_plurals() -> None:
    assert text.stem("pflegekräfte") == text.stem("pflegekraft") == "pflegekraft"
    assert text.stem("köchinnen") == text.stem("köchin")
    assert text.fold("Straße") == "Strasse"


def test_compounds_split_against_the_vocabulary() -> None:
    known = from_words(["Kinder", "Betreuung", "Pflege", "Fachkraft"])
    assert known.split("kinderbetreuung") == ["kinder", "betreuung"]
    assert known.split("pflegefachkraft")[:2] == ["pflege", "fachkraft"]
    assert known.split("erzieherin") == []
    assert (
        known.expand("Liebevolle Kinderbetreuung") == "Liebevolle Kinderbetreuung kinder betreuung"
    )


def test_linking_s_is_dropped_from_the_head() -> None:
    known = from_words(["Arbeit", "Platz"])
    assert known.split("arbeitsplatz") == ["arbeit", "platz"]


def test_edit_distance_counts_swapped_letters_once() -> None:
    assert distance("erzeiher", "erzieher") == 1
    assert distance("wohnnug", "wohnung") == 1
    assert distance("kita", "kiosk") == 3
    assert closest("wohnnug", [("wohnung", 50), ("wohnen", 9)]) == "wohnung"
    assert closest("kita", [("kitz", 1)]) is None  # too short to correct


def test_synonym_phrases_match_on_stems() -> None:
    stems = [text.stem(word) for word in text.content_words("pädagogischen Fachkräfte gesucht")]
    length, group = synonyms.match(stems, 0)
    assert length == 2
    assert group is not None
    assert "Erzieherin" in group.members


def test_snippets_escape_html_and_mark_matches() -> None:
    stems = frozenset({text.stem("betreuung")})
    snippet = highlight("<b>Kinderbetreuung</b> & Betreuung am Nachmittag", stems)
    assert (
        snippet
        == "&lt;b&gt;<mark>Kinderbetreuung</mark>&lt;/b&gt; &amp; <mark>Betreuung</mark> am Nachmittag"
    )


def test_long_snippets_are_cut_around_the_first_match() -> None:
    value = "Einleitung " * 30 + "Wir suchen eine Pflegekraft für die Nacht. " + "Schluss " * 40
    snippet = highlight(value, frozenset({"pflegekraft"}))
    assert snippet.startswith("…")
    assert snippet.endswith("…")
    assert "<mark>Pflegekraft</mark>" in snippet
    assert len(snippet) < 300
