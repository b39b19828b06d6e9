"""The staff API's contract: every root field says in its description who may call it, as its
permission classes decide; every refusal a domain can raise has its value in the domain's error
code enum, so that a client can switch on codes the SDL lists."""

from __future__ import annotations

import ast
from enum import Enum
from pathlib import Path
from typing import Any

import pytest

from backend.api import permissions
from backend.api.applications.errors import ApplicationErrorCode
from backend.api.appointments.hall_types import HallErrorCode
from backend.api.appointments.types import AppointmentErrorCode
from backend.api.authoring.types import AuthoringErrorCode
from backend.api.backoffice.types import BackofficeErrorCode
from backend.api.ratings.types import RatingErrorCode
from backend.api.schema import StaffMutation, StaffQuery
from backend.api.staff.types import StaffErrorCode
from backend.settings import ROOT

REQUIREMENTS = {
    permissions.OPEN,
    *(
        c.requirement
        for c in vars(permissions).values()
        if isinstance(c, type) and isinstance(getattr(c, "requirement", None), str)
    ),
}


def requirement(permission_classes: list[type[Any]]) -> str:
    """What the description must say: the role's sentence, else the sign-in's, else open."""
    found = [c.requirement for c in permission_classes]
    return found[-1] if found else permissions.OPEN


def root_fields() -> list[tuple[str, str, str]]:
    """(field, its description, the requirement its permission classes make) of each root."""
    return [
        (f"{root.__name__}.{f.python_name}", f.description or "", requirement(f.permission_classes))
        for root in (StaffQuery, StaffMutation)
        for f in root.__strawberry_definition__.fields
    ]


@pytest.mark.parametrize(("field", "description", "required"), root_fields())
def test_every_staff_root_field_says_who_may_call_it(
    field: str, description: str, required: str
) -> None:
    said = [sentence for sentence in REQUIREMENTS if sentence in description]

    assert said == [required], f"{field}: {description!r} should say {required!r} only"


def test_a_role_field_says_the_role_and_not_only_the_sign_in() -> None:
    fields = {name: required for name, _, required in root_fields()}

    assert fields["StaffQuery.window_queue"] == "Window clerks only."
    assert fields["StaffQuery.me"] == "Requires staff sign-in."
    assert fields["StaffMutation.sign_in"] == "No sign-in needed."


def codes_raised(
    folder: str, calls: set[str], argument: int = 0, skip: tuple[str, ...] = ()
) -> set[str]:
    """The literal codes `folder`'s modules (but those named in `skip`) pass to any of `calls`
    (a class or a helper)."""
    found: set[str] = set()
    for path in (ROOT / folder).rglob("*.py"):
        if path.name in skip:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or len(node.args) <= argument:
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            code = node.args[argument]
            if name in calls and isinstance(code, ast.Constant) and isinstance(code.value, str):
                found.add(code.value)
    return found


# The administrator's hall modules: their field codes are HallError's `errors`, not citizens'.
HALL_ADMIN = ("admin.py", "publishing.py", "hall_errors.py")


def values(enum: type[Enum]) -> set[str]:
    return {str(member.value) for member in enum}


@pytest.mark.parametrize(
    ("enum", "raised"),
    [
        (BackofficeErrorCode, codes_raised("backend/backoffice", {"BackofficeProblem"})),
        (RatingErrorCode, codes_raised("backend/ratings", {"RatingProblem"})),
        (
            AuthoringErrorCode,
            codes_raised("backend/authoring", {"AuthoringProblem"})
            | codes_raised("backend/api/authoring", {"AuthoringProblem"}),
        ),
        (StaffErrorCode, codes_raised("backend/staff", {"StaffProblem"})),
        (
            ApplicationErrorCode,
            codes_raised("backend/applications", {"ApplicationProblem"})
            | codes_raised("backend/api/applications", {"ApplicationProblem"})
            | codes_raised("backend/datasources", {"SharingProblem"}),
        ),
        (
            AppointmentErrorCode,
            codes_raised("backend/appointments", {"FieldError"}, argument=1, skip=HALL_ADMIN),
        ),
        (HallErrorCode, codes_raised("backend/appointments", {"HallProblem"})),
    ],
    ids=lambda x: x.__name__ if isinstance(x, type) else "",
)
def test_every_code_a_domain_raises_is_a_value_of_its_error_code_enum(
    enum: type[Enum], raised: set[str]
) -> None:
    assert raised, "the scan found no codes: it reads the wrong folder or the wrong calls"
    assert raised <= values(enum), f"{enum.__name__} lacks {sorted(raised - values(enum))}"


def test_no_error_code_enum_lists_a_code_nothing_raises() -> None:
    raised = {
        BackofficeErrorCode: codes_raised("backend/backoffice", {"BackofficeProblem"}),
        StaffErrorCode: codes_raised("backend/staff", {"StaffProblem"}),
        RatingErrorCode: codes_raised("backend/ratings", {"RatingProblem"}),
        HallErrorCode: codes_raised("backend/appointments", {"HallProblem"}),
    }
    for enum, codes in raised.items():
        assert values(enum) <= codes, f"{enum.__name__}: {sorted(values(enum) - codes)}"


# Plain HTTP routes, not resolvers: there a problem becomes a status and a JSON body.
HTTP_ROUTES = {"errors.py", "decisions.py"}


def test_no_resolver_catches_a_domain_problem_itself() -> None:
    """Problems become error results in one place: backend/api/errors.py's decorators."""
    catching = [
        f"{path.relative_to(ROOT)}:{node.lineno}"
        for path in Path(ROOT / "backend" / "api").rglob("*.py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.ExceptHandler)
        and node.type is not None
        and "Problem" in ast.unparse(node.type)
        and path.name not in HTTP_ROUTES
    ]

    assert catching == []
