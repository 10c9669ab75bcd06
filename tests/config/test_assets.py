"""``scripts/assets.py`` copies every file a vendored asset refers to, byte for byte.

``collectstatic`` in the production profile follows each ``sourceMappingURL`` and ``url()``
and stops at the first missing file; these tests find such a gap at ``make assets`` time.
"""

import importlib
import re
from pathlib import Path
from types import ModuleType

import pytest

# Django's ManifestStaticFilesStorage patterns for source maps in scripts and stylesheets.
DJANGO_SOURCE_MAP = re.compile(
    r"(?m)^(?://# sourceMappingURL=(?P<js>.*)|/\*# sourceMappingURL=(?P<css>.*) \*/)$"
)


@pytest.fixture(scope="module")
def assets() -> ModuleType:
    module = importlib.import_module("scripts.assets")  # the project root is on sys.path
    assert module.NODE_MODULES.is_dir(), "run `npm ci` (make assets) first"
    return module


def test_every_source_map_a_vendored_file_names_is_copied(
    assets: ModuleType, tmp_path: Path
) -> None:
    assets.copy_assets(tmp_path)
    named = []
    for path in [*tmp_path.rglob("*.js"), *tmp_path.rglob("*.css")]:
        for match in DJANGO_SOURCE_MAP.finditer(path.read_text(encoding="utf-8")):
            named.append(path.parent / (match["js"] or match["css"]))
    assert tmp_path / "leaflet" / "leaflet.js.map" in named
    assert [path for path in named if not path.is_file()] == []


def test_vendored_files_stay_identical_to_the_release(assets: ModuleType, tmp_path: Path) -> None:
    assets.copy_assets(tmp_path)
    for item in assets.COPIES:
        source = assets.NODE_MODULES / item.source
        assert (tmp_path / item.target).read_bytes() == source.read_bytes(), item.target


def test_a_source_map_the_package_lacks_stops_the_copy(assets: ModuleType, tmp_path: Path) -> None:
    script = tmp_path / "pkg" / "lib.js"
    script.parent.mkdir()
    script.write_text("var a = 1;\n//# sourceMappingURL=lib.js.map\n", encoding="utf-8")
    with pytest.raises(SystemExit, match=r"lib\.js\.map"):
        assets.copy_referenced(script, tmp_path / "out" / "lib.js", "lib.js.map")
    assert assets.source_maps(script.read_text(encoding="utf-8")) == ["lib.js.map"]
