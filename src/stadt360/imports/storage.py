"""Where uploaded feed files live: a private storage with random names, never a public URL.

Feed files may hold other organisations' data or hostile content (a rejected file is
kept for its report), so they are stored under ``PRIVATE_MEDIA_ROOT`` (outside
``MEDIA_ROOT`` and ``STATIC_ROOT``; settings refuse a nested path) under a random name.
The name a person gave the file is kept only for display (``ImportRun.file_name``).
The one way out is the portal's download view, which checks membership first.
"""

import secrets
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage, storages
from django.utils.functional import cached_property

SUFFIX_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")


class PrivateFileStorage(FileSystemStorage):
    """Files under ``PRIVATE_MEDIA_ROOT`` (unless ``location`` is given), without any URL."""

    @cached_property
    def base_location(self) -> str:
        location = self._location  # type: ignore[attr-defined]  # set by FileSystemStorage
        return self._value_or_setting(location, settings.PRIVATE_MEDIA_ROOT)

    def _clear_cached_properties(self, setting: Any, **kwargs: Any) -> None:
        if setting == "PRIVATE_MEDIA_ROOT":  # tests point it at a temporary folder
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)
        else:
            super()._clear_cached_properties(setting, **kwargs)

    def url(self, name: str | None) -> str:
        raise ValueError("Private files have no URL; serve them through a view that checks access.")


def private_storage() -> Storage:
    """The ``private`` storage of ``STORAGES`` (a callable, so migrations hold no path)."""
    return storages["private"]


def random_name(folder: str, filename: str) -> str:
    """``<folder>/<random>.<suffix>``: unguessable, keeps only a plain suffix for format detection."""
    suffix = PurePath(filename).suffix.lower().lstrip(".")
    suffix = suffix if suffix and len(suffix) <= 8 and set(suffix) <= SUFFIX_CHARS else ""
    token = secrets.token_urlsafe(24)
    return f"{folder}/{token}.{suffix}" if suffix else f"{folder}/{token}"


def run_upload_name(instance: Any, filename: str) -> str:
    return random_name("imports/runs", filename)


def source_file_name(instance: Any, filename: str) -> str:
    return random_name("imports/sources", filename)
