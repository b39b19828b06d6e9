from dataclasses import dataclass


@dataclass(frozen=True)
class RuleIssue:
    """One problem in a rule: `path` is a JSON pointer inside the rule ("" is the whole rule)."""

    path: str
    message: str


class RuleError(ValueError):
    """A rule that cannot be compiled; `issues` lists every problem found."""

    def __init__(self, issues: list[RuleIssue]) -> None:
        super().__init__("; ".join(f"{issue.path or '/'}: {issue.message}" for issue in issues))
        self.issues = issues
