"""Permissions as predicates attached to fields; denials carry a stable extensions.code."""

from __future__ import annotations

from typing import Any

from strawberry.permission import BasePermission

from backend.api.context import Info


class IsSignedIn(BasePermission):
    message = (
        "Sign in first (signIn mutation), then send the token as 'Authorization: Bearer <token>'."
    )
    error_extensions = {"code": "UNAUTHENTICATED"}  # noqa: RUF012 - strawberry reads it per instance

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        return info.context.citizen is not None
