"""JsonLogic (classic, jsonlogic.com) compiled once into Python closures.

    engine = default_engine()
    adult = engine.compile({">=": [{"var": "age"}, 18]})  # RuleError if it cannot run
    adult({"age": 20})  # True
    engine.validate(rule, known_var=fields.__contains__)  # [RuleIssue(path, message), ...]

Semantics are json-logic-js's, hence JavaScript's: truthiness (with [] falsy), == and ===,
Number() conversions, String() of numbers (1.0 -> "1"). Where json-logic-js leaves a case to
accident, the JSON Logic community suite (github.com/json-logic/compat-tables) decides:
- comparisons chain over all their arguments ({">": [3, 2, 1]} is 3 > 2 > 1);
- `-`, `/`, `%` fold over all their arguments; {"/": [x]} is 1/x; {"*": []} is 1;
- `+` and `*` convert with Number() like the other operators, not parseFloat();
- {"and": []} and {"or": []} are false.
`validate` flags all of these argument counts, so rules staff save never depend on them.
Two community cases are not followed because JavaScript disagrees: null == 0 is false, and
an operation given as the whole argument list is one argument ({"cat": {"merge": ...}}).

Safety: `var` reads dicts by key and lists/strings by index and nothing else, so `.length`
and json-logic-js's `method` operator (which calls methods of the data) do not exist.
"""

from backend.rules.compiler import Operator
from backend.rules.domain import default_engine
from backend.rules.engine import Engine
from backend.rules.errors import RuleError, RuleIssue
from backend.rules.js import truthy

__all__ = ["Engine", "Operator", "RuleError", "RuleIssue", "default_engine", "truthy"]
