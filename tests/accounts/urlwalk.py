"""Every URL pattern of a resolver, recursively through includes, as a concrete path.

Path parameters get plausible values (``<int:pk>`` → 1, ``<slug:kind>`` → ``job``, a
regex group by its name); each built path is resolved again and must land on the same
pattern, so a value that does not fit fails loudly instead of testing another URL.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.resolvers import LocalePrefixPattern, RegexPattern, RoutePattern

CONVERTER_VALUES = {"int": "1", "slug": "job", "str": "abc", "path": "1", "uuid": ""}
# Regex groups by name (the admin's, allauth's, django-rq's and Wagtail's patterns).
GROUP_VALUES = {
    "app_label": "auth",
    "url": "does-not-exist/",
    "key": "abc-123",
    "uidb36": "1",
    "token": "abc",
    "path": "robots.txt",
    # Wagtail's admin (/cms/): a snippet's primary key and two revisions to compare.
    "pk": "1",
    "revision_id_a": "1",
    "revision_id_b": "2",
}
# Whole patterns with unnamed groups (Wagtail's document and page serving).
REGEX_SAMPLES = {
    r"^(\d+)/(.*)$": "1/plan.pdf",
    r"^((?:[\w\-]+/)*)$": "innovationszentrum/",
}


@dataclass(frozen=True)
class WalkedUrl:
    path: str
    route: str  # the pattern chain, as the resolver spells it
    namespaces: tuple[str, ...]
    name: str | None

    @property
    def label(self) -> str:
        return ":".join([*self.namespaces, self.name or "<unnamed>"]) + f" {self.route}"


def _route_sample(route: str) -> str:
    def value(match: re.Match[str]) -> str:
        converter = match.group(1) or "str"
        return CONVERTER_VALUES[converter]

    return re.sub(r"<(?:(\w+):)?\w+>", value, route)


def _regex_sample(regex: str) -> str:
    if regex in REGEX_SAMPLES:
        return REGEX_SAMPLES[regex]

    def group(match: re.Match[str]) -> str:
        return GROUP_VALUES[match.group(1)]

    sample = re.sub(r"\(\?P<(\w+)>(?:[^()]|\([^()]*\))*\)\??", group, regex)
    sample = sample.lstrip("^").rstrip("$").replace("/?", "/").replace("\\", "")
    return sample


def _sample(pattern: object) -> str:
    if isinstance(pattern, LocalePrefixPattern):
        return pattern.language_prefix
    if isinstance(pattern, RoutePattern):
        return _route_sample(str(pattern))
    if isinstance(pattern, RegexPattern):
        return _regex_sample(str(pattern))
    raise TypeError(f"unknown pattern type {type(pattern)!r}")


def walk(
    resolver: URLResolver | None = None,
    prefix: str = "/",
    route: str = "",
    namespaces: tuple[str, ...] = (),
) -> Iterator[WalkedUrl]:
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        path = prefix + _sample(entry.pattern)
        chain = route + str(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = (*namespaces, entry.namespace) if entry.namespace else namespaces
            yield from walk(entry, path, chain, inner)
        elif isinstance(entry, URLPattern):
            yield WalkedUrl(path=path, route=chain, namespaces=namespaces, name=entry.name)


def resolves_to_itself(url: WalkedUrl) -> bool:
    """The built path reaches this very pattern (not an earlier one that shadows it)."""
    match = resolve(url.path)
    return match.route == url.route.replace("^", "").replace("$", "") or (
        match.url_name == url.name and tuple(match.namespaces) == url.namespaces
    )
