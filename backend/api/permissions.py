"""Who may call a field: permissions as predicates attached to fields; every denial carries a
stable extensions.code. Each predicate's `requirement` is the sentence the field's description
says (tests/api/test_staff_contract.py checks that they agree), so the SDL shows who may call it."""

from __future__ import annotations

from typing import Any

from graphql import GraphQLError
from strawberry.permission import BasePermission

from backend.api.context import Info

# What the description of a field anyone may call says.
OPEN = "No sign-in needed."


class IsSignedIn(BasePermission):
    requirement = "Requires sign-in."
    message = (
        "Sign in first (signIn mutation), then send the token as 'Authorization: Bearer <token>'."
    )
    error_extensions = {"code": "UNAUTHENTICATED"}  # noqa: RUF012 - strawberry reads it per instance

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        return info.context.citizen is not None


class HasStaffSession(BasePermission):
    """Signed in as staff, even with a temporary password still to change."""

    requirement = "Requires a staff session, even one whose password must change first."
    message = "Sign in as staff first (signIn on /staff/graphql), then send 'Authorization: Bearer <token>'."
    error_extensions = {"code": "UNAUTHENTICATED"}  # noqa: RUF012 - strawberry reads it per instance

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        return info.context.staff is not None


class IsStaff(BasePermission):
    """Signed in as staff with a password of their own: after a reset, a session can do
    nothing but changePassword (PASSWORD_CHANGE_REQUIRED)."""

    requirement = "Requires staff sign-in."
    message = "Sign in as staff first (signIn on /staff/graphql), then send 'Authorization: Bearer <token>'."
    error_extensions = {"code": "UNAUTHENTICATED"}  # noqa: RUF012 - strawberry reads it per instance

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        staff = info.context.staff
        if staff is not None and staff.must_change_password:
            raise GraphQLError(
                "Your password was reset: choose your own (changePassword) before anything else.",
                extensions={"code": "PASSWORD_CHANGE_REQUIRED"},
            )
        return staff is not None


class _HasRole(BasePermission):
    roles: tuple[str, ...] = ()
    error_extensions = {"code": "FORBIDDEN_ROLE"}  # noqa: RUF012 - strawberry reads it per instance

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        staff = info.context.staff
        return staff is not None and not staff.must_change_password and staff.role in self.roles


class IsWindowClerk(_HasRole):
    requirement = "Window clerks only."
    message = "Only window clerks may do this."
    roles = ("window_clerk",)


class IsReviewer(_HasRole):
    requirement = "Reviewers only."
    message = "Only department reviewers may do this."
    roles = ("reviewer",)


class IsCountyAdministrator(_HasRole):
    requirement = "County administrators only."
    message = "Only county administrators may do this."
    roles = ("county_admin",)


class IsSupervisor(_HasRole):
    requirement = "Supervisors only."
    message = "Only supervisors may do this."
    roles = ("supervisor",)


class IsSupervisorOrCountyAdministrator(_HasRole):
    requirement = "Supervisors and county administrators only."
    message = "Only supervisors and county administrators may do this."
    roles = ("supervisor", "county_admin")


class IsAgent(_HasRole):
    requirement = "Agents only."
    message = "Only agents (代办员) may do this."
    roles = ("agent",)
