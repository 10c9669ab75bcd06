"""Search backends behind one interface; the database vendor picks the backend."""

from django.db import connection

from .base import Filters, RawResults, SearchBackend


def get_backend() -> SearchBackend:
    if connection.vendor == "postgresql":
        from .postgres import PostgresBackend

        return PostgresBackend()
    from .sqlite import SqliteBackend

    return SqliteBackend()


__all__ = ["Filters", "RawResults", "SearchBackend", "get_backend"]
