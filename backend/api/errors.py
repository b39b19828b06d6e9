"""Expected failures as data, in one place. A service raises its domain's problem (an exception
with a stable code and a message in both languages); the resolver is decorated with what the
client gets instead:

- `@problems_as(BackofficeError)` on a mutation: the field's error result type, built by
  `BackofficeError.of(problem)`; the error type names its domain's problem class (`problem`);
- `@problems_as_null(AuthoringProblem)` on a query that answers null (or an empty list) when
  what it reads is not there;
- `@problems_as_errors(AuthoringProblem)` on a query without an error type: a top-level error
  whose `extensions.code` is the problem's code.

Any other exception stays an unexpected error: logged, and masked on the public endpoints."""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from typing import Any, ClassVar, ParamSpec, Protocol, TypeVar, cast

from graphql import GraphQLError

P = ParamSpec("P")
R = TypeVar("R")


class Problem(Protocol):
    """What every domain's problem carries."""

    code: str
    message_zh: str
    message_en: str


# The domain problem class an error type stands for (or several: a tuple).
Problems = type[Exception] | tuple[type[Exception], ...]


class ErrorResult(Protocol):
    """A GraphQL error type: the domain problem(s) it stands for, and how it is built from one."""

    problem: ClassVar[Problems]

    @classmethod
    def of(cls, problem: Any, /) -> Any: ...


class Decorator(Protocol):
    """Wraps a resolver, keeping its signature."""

    def __call__(self, resolve: Callable[P, Awaitable[R]], /) -> Callable[P, Awaitable[R]]: ...


def _answering(caught: tuple[type[Exception], ...], answer: Callable[[Any], Any]) -> Decorator:
    """The resolver's answer to an exception of `caught` is `answer(exception)`."""

    def decorate(resolve: Callable[P, Awaitable[R]]) -> Callable[P, Awaitable[R]]:
        @functools.wraps(resolve)
        async def resolver(*args: P.args, **kwargs: P.kwargs) -> R:
            try:
                return await resolve(*args, **kwargs)
            except caught as problem:
                return cast(R, answer(problem))

        return resolver

    return decorate


def problems_as(*errors: type[ErrorResult]) -> Decorator:
    """The resolver answers a problem of one of `errors` with that error type, as data."""
    caught = tuple(
        p for e in errors for p in (e.problem if isinstance(e.problem, tuple) else [e.problem])
    )
    return _answering(
        caught,
        lambda problem: next(e for e in errors if isinstance(problem, e.problem)).of(problem),
    )


def problems_as_null(
    *problems: type[Exception], empty: Callable[[], Any] = lambda: None
) -> Decorator:
    """The resolver answers one of `problems` with null, or with `empty()` (e.g. `list`)."""
    return _answering(problems, lambda _: empty())


def problems_as_errors(*problems: type[Exception]) -> Decorator:
    """The resolver turns one of `problems` into a top-level error with the problem's code."""

    def error(raised: Exception) -> None:
        p = cast(Problem, raised)
        raise GraphQLError(
            p.message_en, extensions={"code": p.code, "zh": p.message_zh}
        ) from raised

    return _answering(problems, error)
