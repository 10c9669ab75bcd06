"""API tokens: create (the secret is returned once), find by secret, revoke.

A token is ``s360_`` + 43 random URL-safe characters. Only its SHA-256 is stored, with the
first characters (``prefix``) so people can tell their keys apart. Creating and revoking
are audited like every other write of an organisation.
"""

import hashlib
import secrets
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from stadt360.core import audit

from .models import ApiScope, ApiToken, Provider

TOKEN_PREFIX = "s360_"
PREFIX_LENGTH = 12


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def create_token(
    *, provider: Provider, name: str, scopes: Iterable[str], by: Any = None
) -> tuple[ApiToken, str]:
    """``(token, secret)``: the secret is not stored and cannot be shown again."""
    scopes = sorted(set(scopes))
    errors: dict[str, list[str]] = {}
    if not name.strip():
        errors["name"] = [_("This field is required.")]
    if not scopes or not set(scopes) <= set(ApiScope.values):
        errors["scopes"] = [_("Choose at least one permission.")]
    if errors:
        raise ValidationError(errors)
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            provider=provider,
            name=name.strip(),
            prefix=secret[:PREFIX_LENGTH],
            secret_hash=hash_secret(secret),
            scopes=scopes,
            created_by=by if getattr(by, "is_authenticated", False) else None,
        )
        audit.record(
            token,
            "api_token.created",
            by=by,
            changes={"name": [None, token.name], "scopes": [None, scopes]},
        )
    return token, secret


def revoke_token(*, token: ApiToken, by: Any = None) -> ApiToken:
    if token.revoked_at is not None:
        return token
    with transaction.atomic():
        token.revoked_at = timezone.now()
        token.revoked_by = by if getattr(by, "is_authenticated", False) else None
        token.save(update_fields=["revoked_at", "revoked_by", "updated_at"])
        audit.record(token, "api_token.revoked", by=by, changes={"revoked": [False, True]})
    return token


def token_for_secret(secret: str) -> ApiToken | None:
    """The active token with this secret (its provider joined), or None."""
    if not secret.startswith(TOKEN_PREFIX) or len(secret) > 200:
        return None
    token = (
        ApiToken.objects.active()
        .select_related("provider")
        .filter(secret_hash=hash_secret(secret))
        .first()
    )
    if token is not None:
        now = timezone.now()
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token
