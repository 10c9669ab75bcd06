"""Path parameters shared by the detail endpoints."""

from typing import Any

from ninja import Path

# Largest id a bigint column holds; above it SQLite overflows and PostgreSQL errors,
# so such ids are refused as invalid input before reaching the database.
MAX_ID = 2**63 - 1


def object_id(kind: str) -> Any:
    return Path(..., ge=1, le=MAX_ID, description=f"Id of the {kind}.", examples=[1])
