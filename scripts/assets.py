"""Install the front-end assets and compile translations: what ``make assets`` runs.

Third-party builds are never committed. ``npm ci`` installs the versions pinned in
``package-lock.json``; this script copies only the files the site serves into
``src/stadt360/public/static/vendor/`` (git-ignored) and refuses any stylesheet that
would make the browser fetch from another origin (remote ``@import`` or ``url()``).
Files stay byte-identical to the release; a ``sourceMappingURL`` comment brings its source
map along, because the production storage (``collectstatic`` with the manifest) resolves
every reference in a script or stylesheet and stops at a missing one.
It then compiles the ``.po`` catalogues to ``.mo`` with polib, so no system gettext
is needed to run the site.

Usage: ``python scripts/assets.py [--skip-npm] [--skip-messages]``
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "node_modules"
VENDOR = ROOT / "src" / "stadt360" / "public" / "static" / "vendor"
LOCALE = ROOT / "src" / "stadt360" / "locale"

CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)""")
CSS_IMPORT = re.compile(r"@import\s+(?:url\()?\s*['\"]?([^'\")\s;]+)")
# The same comment Django's ManifestStaticFilesStorage follows in .js and .css files.
SOURCE_MAP = re.compile(r"(?m)^[/*]{2}#\s*sourceMappingURL=(?P<url>[^\s*]+)\s*(?:\*/)?\s*$")


@dataclass(frozen=True)
class Copy:
    """One file (or a stylesheet with the files it references) to serve from our origin."""

    source: str
    target: str
    stylesheet: bool = False


COPIES: tuple[Copy, ...] = (
    Copy("@kern-ux/native/dist/kern.min.css", "kern/kern.min.css", stylesheet=True),
    Copy("@kern-ux/native/dist/kern-grid.min.css", "kern/kern-grid.min.css", stylesheet=True),
    Copy("@kern-ux/native/dist/fonts/fira-sans.css", "kern/fonts/fira-sans.css", stylesheet=True),
    Copy("@kern-ux/native/LICENSE.md", "kern/LICENSE.md"),
    Copy("htmx.org/dist/htmx.min.js", "htmx/htmx.min.js"),
    Copy("htmx.org/LICENSE", "htmx/LICENSE"),
    Copy("leaflet/dist/leaflet.js", "leaflet/leaflet.js"),
    Copy("leaflet/dist/leaflet.css", "leaflet/leaflet.css", stylesheet=True),
    # Leaflet's JavaScript (not its CSS) asks for these marker images.
    Copy("leaflet/dist/images/marker-icon-2x.png", "leaflet/images/marker-icon-2x.png"),
    Copy("leaflet/dist/images/marker-shadow.png", "leaflet/images/marker-shadow.png"),
    Copy("leaflet/LICENSE", "leaflet/LICENSE"),
    Copy(
        "leaflet.markercluster/dist/leaflet.markercluster.js",
        "leaflet.markercluster/leaflet.markercluster.js",
    ),
    Copy(
        "leaflet.markercluster/dist/MarkerCluster.css",
        "leaflet.markercluster/MarkerCluster.css",
        stylesheet=True,
    ),
    Copy(
        "leaflet.markercluster/dist/MarkerCluster.Default.css",
        "leaflet.markercluster/MarkerCluster.Default.css",
        stylesheet=True,
    ),
    Copy("leaflet.markercluster/MIT-LICENCE.txt", "leaflet.markercluster/MIT-LICENCE.txt"),
)


def is_remote(reference: str) -> bool:
    """A reference the browser would resolve against another origin."""
    return reference.startswith(("http:", "https:", "//"))


def local_references(css: str) -> list[str]:
    """Files a stylesheet pulls in relative to itself; raises on remote ones."""
    references = CSS_URL.findall(css) + CSS_IMPORT.findall(css)
    remote = [ref for ref in references if is_remote(ref)]
    if remote:
        raise SystemExit(f"stylesheet would load from another origin: {remote}")
    return [ref for ref in references if not ref.startswith(("data:", "#"))]


def copy_file(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(source, target)


def source_maps(text: str) -> list[str]:
    """Source maps a script or stylesheet names (``data:`` maps are inline, nothing to copy)."""
    references = [match["url"] for match in SOURCE_MAP.finditer(text)]
    remote = [ref for ref in references if is_remote(ref)]
    if remote:
        raise SystemExit(f"source map would load from another origin: {remote}")
    return [ref for ref in references if not ref.startswith("data:")]


def copy_referenced(source: Path, target: Path, reference: str) -> None:
    """Copy a file the asset refers to, or stop: a dangling reference breaks collectstatic."""
    if not (source.parent / reference).is_file():
        raise SystemExit(f"{source.name} refers to {reference}, which the package lacks")
    copy_file(source.parent / reference, target.parent / reference)


def copy_asset(item: Copy, vendor: Path = VENDOR) -> int:
    """Copy one asset with the files it references (maps, fonts, images); return file count."""
    source = NODE_MODULES / item.source
    target = vendor / item.target
    copy_file(source, target)
    if source.suffix not in (".js", ".css"):
        return 1
    text = source.read_text(encoding="utf-8")
    references = source_maps(text) + (local_references(text) if item.stylesheet else [])
    for reference in references:
        copy_referenced(source, target, reference)
    return 1 + len(references)


def copy_assets(vendor: Path = VENDOR) -> int:
    """Replace ``vendor`` with a fresh copy of every asset; return the number of files."""
    if vendor.exists():
        shutil.rmtree(vendor)
    return sum(copy_asset(item, vendor) for item in COPIES)


def install_npm() -> None:
    """Install exactly the locked versions; ``npm ci`` fails if the lock file drifted."""
    subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=ROOT, check=True)


def compile_messages() -> list[Path]:
    """Compile every ``.po`` under ``locale/`` to ``.mo`` (pure Python, no msgfmt needed)."""
    compiled = []
    for po_path in sorted(LOCALE.glob("*/LC_MESSAGES/*.po")):
        catalogue = polib.pofile(str(po_path))
        mo_path = po_path.with_suffix(".mo")
        catalogue.save_as_mofile(str(mo_path))
        compiled.append(mo_path)
    return compiled


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-npm", action="store_true", help="use the present node_modules")
    parser.add_argument("--skip-messages", action="store_true", help="do not compile .po files")
    args = parser.parse_args(argv)
    if not args.skip_npm:
        install_npm()
    copied = copy_assets()
    print(f"assets: {copied} files copied to {VENDOR.relative_to(ROOT)}")
    if not args.skip_messages:
        for mo_path in compile_messages():
            print(f"messages: compiled {mo_path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
