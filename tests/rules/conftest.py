import pytest
from rules_support import SUMMARY


def pytest_terminal_summary(
    terminalreporter: pytest.TerminalReporter, config: pytest.Config
) -> None:
    lines = config.stash.get(SUMMARY, [])
    if lines:
        terminalreporter.section("JsonLogic conformance")
        for line in lines:
            terminalreporter.write_line(line)
