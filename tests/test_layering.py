"""The direction of dependencies (docs: ARCHITECTURE.md), checked on the source itself.

presentation (public, portal, backoffice, api) → domain apps → core. A domain app never
imports presentation; core imports no other app at run time (``if TYPE_CHECKING:`` is
fine: it never runs); ``bundles/engine/`` imports neither Django nor any app, so it can be
tested exhaustively and benchmarked alone.

Every module under ``src/stadt360`` is parsed with ``ast`` (nothing is imported, so a
cycle or a missing service cannot hide a violation). An import counts in every form:
``import x``, ``from x import y``, relative ``from ..x import y``, imports inside
functions, and a whole-string dotted path such as ``"stadt360.jobs.tasks.refresh"`` (what
``import_string`` and ``include()`` load at run time).
"""

import ast
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

import stadt360

SRC = Path(stadt360.__file__).parent
PRESENTATION = frozenset({"public", "portal", "backoffice", "api"})
WIRING = frozenset({"config", "manage"})  # project settings and URLs mount every app
ENGINE = "stadt360.bundles.engine"
# Modules outside the engine that are pure Python + NumPy by design and that the engine
# may import; test_pure_modules_stay_pure holds them to the engine's own rule.
PURE_MODULES = frozenset(
    {"stadt360.mobility.geometric", "stadt360.mobility.transit", "stadt360.mobility.zones"}
)
STDLIB_OR_NUMPY = frozenset(sys.stdlib_module_names | {"numpy"})
DOTTED_PATH = re.compile(r"stadt360(\.[A-Za-z_]\w*)+")
# Templates and static files are named by their folder: "public/base.html".
TEMPLATE_REFERENCE = re.compile(
    r"{%\s*(?:extends|include|static)\s+[\"'](?P<name>(?P<app>\w+)/[^\"']+)[\"']"
)
# allauth's page templates must come from an app listed before allauth; accounts is that
# app, and its layout wraps them in the public site's layout and the portal's styles.
# Moving allauth's page templates into ``public`` removes this entry.
TEMPLATE_EXCEPTIONS = frozenset(
    {
        ("accounts/templates/allauth/layouts/base.html", "public/base.html"),
        ("accounts/templates/allauth/layouts/base.html", "portal/css/portal.css"),
    }
)


@dataclass(frozen=True)
class Import:
    module: str  # the importing module, "stadt360.companies.views"
    target: str  # what it imports, "stadt360.public.forms" or "django.db"
    line: int

    @property
    def app(self) -> str | None:
        """The first-level package of ``target`` inside stadt360 ("public"), else None."""
        parts = self.target.split(".")
        return parts[1] if parts[0] == "stadt360" and len(parts) > 1 else None

    def __str__(self) -> str:
        return f"{self.module}:{self.line} imports {self.target}"


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def app_of(module: str) -> str:
    return module.split(".")[1] if "." in module else ""


def is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def ignored_nodes(tree: ast.Module) -> set[int]:
    """Nodes that never import at run time: ``if TYPE_CHECKING:`` bodies and docstrings."""
    ignored: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and is_type_checking(node.test):
            ignored.update(id(inner) for child in node.body for inner in ast.walk(child))
        elif isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            first = node.body[0] if node.body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                ignored.add(id(first.value))
    return ignored


def resolve(module: str, is_package: bool, node: ast.ImportFrom) -> list[str]:
    """Absolute targets of ``from … import …`` (``from . import x`` names ``pkg.x``)."""
    if node.level:
        base = module.split(".") if is_package else module.split(".")[:-1]
        base = base[: len(base) - (node.level - 1)]
        prefix = ".".join(base + ([node.module] if node.module else []))
    else:
        prefix = node.module or ""
    if node.module is None:  # "from . import a, b": each name may be a module
        return [f"{prefix}.{alias.name}" for alias in node.names]
    return [prefix]


def imports_of(source: str, module: str, is_package: bool = False) -> list[Import]:
    """Every run-time import of one module's source (``TYPE_CHECKING`` blocks skipped)."""
    tree = ast.parse(source)
    ignored = ignored_nodes(tree)
    found = []
    for node in ast.walk(tree):
        if id(node) in ignored:
            continue
        if isinstance(node, ast.Import):
            found += [Import(module, alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            targets = resolve(module, is_package, node)
            found += [Import(module, target, node.lineno) for target in targets]
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and DOTTED_PATH.fullmatch(node.value)
        ):
            found.append(Import(module, node.value, node.lineno))
    return found


def all_imports(root: Path = SRC) -> Iterator[Import]:
    for path in sorted(root.rglob("*.py")):
        module = module_name(path, root)
        yield from imports_of(path.read_text(), module, path.name == "__init__.py")


def layering_violations(imports: list[Import]) -> list[Import]:
    """Imports that go against the direction of dependencies (allow-lists not applied)."""
    bad = []
    for item in imports:
        source_app, target_app = app_of(item.module), item.app
        if item.module == ENGINE or item.module.startswith(ENGINE + "."):
            if not engine_may_import(item.target):
                bad.append(item)
        elif source_app in PRESENTATION | WIRING or target_app in (None, source_app):
            continue
        elif source_app == "core" or target_app in PRESENTATION:
            bad.append(item)
    return bad


def engine_may_import(target: str) -> bool:
    """Standard library, NumPy, the engine itself and the declared pure modules."""
    top = target.split(".")[0]
    if top == "stadt360":
        return target.startswith(ENGINE + ".") or target in {ENGINE, *PURE_MODULES}
    return top != "django" and top in STDLIB_OR_NUMPY


def template_references(root: Path = SRC) -> Iterator[tuple[str, str, str]]:
    """(template path under src/stadt360, the app folder it names, the name) of every
    ``{% extends %}``, ``{% include %}`` and ``{% static %}`` with a literal name."""
    for path in sorted(root.glob("*/templates/**/*")):
        if path.is_file():
            for match in TEMPLATE_REFERENCE.finditer(path.read_text()):
                yield str(path.relative_to(root)), match["app"], match["name"]


@pytest.fixture(scope="module")
def project_imports() -> list[Import]:
    return list(all_imports())


# --- The rules on the real source ------------------------------------------------------


def test_domain_apps_never_import_presentation(project_imports: list[Import]) -> None:
    bad = [
        str(item)
        for item in layering_violations(project_imports)
        if item.app in PRESENTATION and app_of(item.module) != "core"
    ]
    assert bad == [], "a domain app imports public/portal/backoffice/api:\n" + "\n".join(bad)


def test_core_imports_no_other_app_at_run_time(project_imports: list[Import]) -> None:
    bad = [
        str(item) for item in layering_violations(project_imports) if app_of(item.module) == "core"
    ]
    assert bad == [], "core imports another stadt360 app:\n" + "\n".join(bad)


def test_engine_imports_neither_django_nor_any_app(project_imports: list[Import]) -> None:
    bad = [
        str(item)
        for item in layering_violations(project_imports)
        if item.module == ENGINE or item.module.startswith(ENGINE + ".")
    ]
    assert bad == [], "bundles/engine imports Django, an app or a library:\n" + "\n".join(bad)


def test_pure_modules_stay_pure(project_imports: list[Import]) -> None:
    """What the engine may import from outside itself obeys the engine's rule too."""
    bad = [
        str(item)
        for item in project_imports
        if item.module in PURE_MODULES and not engine_may_import(item.target)
    ]
    assert bad == [], "a module the engine imports is not pure Python + NumPy:\n" + "\n".join(bad)


def test_domain_and_core_templates_never_use_presentation_templates() -> None:
    """A domain app's page would otherwise still depend on public's layout or partials."""
    references = list(template_references())
    stale = TEMPLATE_EXCEPTIONS - {(path, name) for path, _app, name in references}
    assert stale == set(), f"remove from TEMPLATE_EXCEPTIONS: {sorted(stale)}"
    bad = [
        f"{path} uses {name}"
        for path, app, name in references
        if path.split("/")[0] not in PRESENTATION
        and app in PRESENTATION
        and (path, name) not in TEMPLATE_EXCEPTIONS
    ]
    assert bad == [], "a domain or core template uses a presentation template:\n" + "\n".join(bad)


def test_every_app_is_seen(project_imports: list[Import]) -> None:
    """The walk reads the whole tree (a wrong root would pass every rule vacuously)."""
    apps = {app_of(item.module) for item in project_imports}
    assert {"core", "companies", "cooperation", "public", "portal", "bundles"} <= apps


# --- The checker itself, on small sources ---------------------------------------------


def violations_in(source: str, module: str, is_package: bool = False) -> list[str]:
    return [item.target for item in layering_violations(imports_of(source, module, is_package))]


def test_checker_finds_every_form_of_import() -> None:
    source = """
import stadt360.portal.access
from stadt360.public.forms import KernForm
from ..backoffice import moderation

def view():
    from stadt360.api import main
    return "stadt360.public.offer_views.offer_list"
"""
    assert violations_in(source, "stadt360.companies.views") == [
        "stadt360.portal.access",
        "stadt360.public.forms",
        "stadt360.backoffice",
        "stadt360.api",
        "stadt360.public.offer_views.offer_list",
    ]


def test_checker_resolves_relative_imports_of_packages() -> None:
    assert violations_in("from ..public import forms", "stadt360.companies.views") == [
        "stadt360.public"
    ]
    assert violations_in("from . import geo", "stadt360.core", is_package=True) == []
    assert violations_in("from .. import jobs", "stadt360.core", is_package=True) == [
        "stadt360.jobs"
    ]
    assert violations_in("from ...portal import x", "stadt360.core.ui", is_package=True) == [
        "stadt360.portal"
    ]


def test_checker_ignores_type_checking_docstrings_and_allowed_directions() -> None:
    source = '''"""Used by stadt360.public.offer_views."""
from typing import TYPE_CHECKING

from stadt360.core.models import Offer
from stadt360.providers.models import Provider

if TYPE_CHECKING:
    from stadt360.public.forms import KernForm
'''
    assert violations_in(source, "stadt360.companies.models") == []
    assert violations_in("from stadt360.jobs.models import Job", "stadt360.public.views") == []


def test_template_references_are_found(tmp_path: Path) -> None:
    page = tmp_path / "companies" / "templates" / "companies" / "list.html"
    page.parent.mkdir(parents=True)
    page.write_text(
        '{% extends "public/base.html" %}{% load static %}'
        "{% include 'core/lists/count.html' with x=1 %}{% static 'portal/css/portal.css' %}"
        "{% include partial_name %}"
    )
    assert list(template_references(tmp_path)) == [
        ("companies/templates/companies/list.html", "public", "public/base.html"),
        ("companies/templates/companies/list.html", "core", "core/lists/count.html"),
        ("companies/templates/companies/list.html", "portal", "portal/css/portal.css"),
    ]


def test_checker_holds_core_and_engine_to_their_rules() -> None:
    assert violations_in("from stadt360.jobs import occupations", "stadt360.core.geo") == [
        "stadt360.jobs"
    ]
    engine_source = """
import numpy as np
from dataclasses import dataclass
from stadt360.mobility.geometric import Mode
from . import money
from django.utils.translation import gettext
from stadt360.bundles.schemas import BundleQuery
import pandas
"""
    assert violations_in(engine_source, "stadt360.bundles.engine.search") == [
        "django.utils.translation",
        "stadt360.bundles.schemas",
        "pandas",
    ]
