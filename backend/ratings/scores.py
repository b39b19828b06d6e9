"""The public satisfaction figures (满意度, 差评率): per matter, department or county of a
region, anonymous, in one aggregate over rated_matter's covering index. A group is shown only
from MINIMUM ratings on, so that no figure is one person's (ADR 0019)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from backend.ratings import sql
from backend.ratings.problems import RatingProblem
from backend.regions.service import code_range

MINIMUM = 5  # ratings a group needs before its figures are public
BAD = 2
LEVELS = ("matter", "department", "county")
RANGE = "region_code >= :lo AND region_code < :hi"
FIGURES = (
    "COUNT(*) AS rated, SUM(score) AS total, SUM(CASE WHEN score <= 2 THEN 1 ELSE 0 END) AS bad"
)
# Each level's statement: the figures of its groups over the index, then the names joined to
# the groups (a group is counted once per rating: a life event's matters of one department
# or county count as one rating of it).
SQL = {
    "matter": (
        "SELECT m.code AS code, m.name_zh AS zh, m.name_en AS en, x.rated, x.total, x.bad"
        f" FROM (SELECT matter_id, {FIGURES} FROM rated_matter WHERE {RANGE}"
        " GROUP BY matter_id HAVING COUNT(*) >= :minimum) x"
        " JOIN matter m ON m.id = x.matter_id"
    ),
    "department": (
        "SELECT x.department_code AS code, x.rated, x.total, x.bad,"
        " (SELECT MIN(m.department_name) FROM matter m"
        "  WHERE m.department_code = x.department_code) AS zh"
        f" FROM (SELECT department_code, {FIGURES} FROM (SELECT DISTINCT rating_id,"
        f" department_code, score FROM rated_matter WHERE {RANGE}) d"
        " GROUP BY department_code HAVING COUNT(*) >= :minimum) x"
    ),
    "county": (
        "SELECT x.region_code AS code, g.name AS zh, x.rated, x.total, x.bad"
        f" FROM (SELECT region_code, {FIGURES} FROM (SELECT DISTINCT rating_id, region_code,"
        f" score FROM rated_matter WHERE {RANGE}) c"
        " GROUP BY region_code HAVING COUNT(*) >= :minimum) x"
        " LEFT JOIN region g ON g.code = x.region_code"
    ),
}


@dataclass(frozen=True)
class Satisfaction:
    code: str  # the matter's code, the department's code or the county's region code
    name_zh: str
    name_en: str
    rated: int
    average: float
    bad_share: float  # 差评率: the share of scores of 2 or less


async def satisfaction(level: str, region: str) -> list[Satisfaction]:
    """The league table of `region` (a province, city or county) at `level`, worst 差评率
    first, then the most rated; the latest score of each rating counts (a 追评 replaces it)."""
    if level not in LEVELS or not re.fullmatch(r"\d{6}", region):
        raise RatingProblem("INVALID_INPUT", "地区代码为 6 位数字。", "A region code is 6 digits.")
    lo, hi = code_range(region)
    rows = await sql.rows(SQL[level], {"lo": lo, "hi": hi, "minimum": MINIMUM})
    found = [
        Satisfaction(
            code=str(r["code"]),
            name_zh=str(r.get("zh") or r["code"]),
            name_en=str(r.get("en") or r.get("zh") or r["code"]),
            rated=int(r["rated"]),
            average=round(int(r["total"]) / int(r["rated"]), 2),
            bad_share=round(int(r["bad"]) / int(r["rated"]), 4),
        )
        for r in rows
    ]
    return sorted(found, key=lambda s: (-s.bad_share, -s.rated, s.code))
