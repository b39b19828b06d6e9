"""Chinese identifier formats and the JSON Schema format checker that knows them.

Each identifier has a `*_problem` function naming what is wrong (or None), so the form
validator can say exactly why a value was refused; the `is_*` predicates are built on them.
"""

import datetime
import functools
import json
import re
from collections.abc import Callable

from jsonschema import FormatChecker

from backend.settings import CATALOG_DIR

# Resident IDs carry the birth date in China time: a child born this morning there is born today
# though it is still yesterday in UTC.
CHINA_TIME = datetime.timezone(datetime.timedelta(hours=8))

REGIONS_FILE = CATALOG_DIR / "regions.json"

# GB 11643-1999 resident ID: ISO 7064 MOD 11-2 over the first 17 digits.
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK_CHARS = "10X98765432"
_ID_SHAPE = re.compile(r"[0-9]{17}[0-9X]")
# First two digits: a GB/T 2260 province-level code; 81/82/83 are the codes given on
# residence permits of Hong Kong, Macao and Taiwan residents.
_PROVINCE_PREFIXES = frozenset(
    str(code)
    for code in [
        *(11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46),
        *(50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83),
    ]
)

# GB 32100-2015 unified social credit code.
USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_USCC_SHAPE = re.compile(r"[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}")
# Registration authority (1st char) -> organisation types (2nd char), table 1 of the
# standard as amended (A: CMC reform and staffing office, N: agriculture, added later).
USCC_TYPES: dict[str, str] = {
    "1": "1239",  # 机构编制: 机关, 事业单位, 群众团体, 其他
    "2": "19",  # 外交: 外国常驻新闻机构, 其他
    "3": "123459",  # 司法行政: 律师执业机构, 公证处, 基层法律服务所, 司法鉴定机构, 仲裁委员会, 其他
    "4": "19",  # 文化: 外国在华文化中心, 其他
    "5": "1239",  # 民政: 社会团体, 民办非企业单位, 基金会, 其他
    "6": "129",  # 旅游: 外国旅游部门常驻代表机构, 港澳台地区旅游部门代表机构, 其他
    "7": "129",  # 宗教: 宗教活动场所, 宗教院校, 其他
    "8": "19",  # 工会: 基层工会, 其他
    "9": "123",  # 工商: 企业, 个体工商户, 农民专业合作社
    "A": "19",  # 中央军委改革和编制办公室: 军队事业单位, 其他
    "N": "1239",  # 农业: 组级, 村级, 乡镇级集体经济组织, 其他
    "Y": "1",  # 其他 (not divided further)
}

_MOBILE = re.compile(r"1[3-9][0-9]{9}")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_EMAIL = re.compile(r"[^@\s]+@[^@\s.]+(\.[^@\s.]+)+")


def resident_id_check_char(first17: str) -> str:
    """The check character for the first 17 digits of a resident ID."""
    total = sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK_CHARS[total % 11]


def resident_id_problem(value: str) -> str | None:
    """What is wrong with an 18-digit resident ID, or None when it is valid.

    One of "shape", "lowercase_x", "region", "birth_date", "checksum". Only an upper-case X is
    accepted as check character, as GB 11643-1999 writes it.
    """
    if not _ID_SHAPE.fullmatch(value):
        return "lowercase_x" if _ID_SHAPE.fullmatch(value[:17] + value[17:].upper()) else "shape"
    if value[:2] not in _PROVINCE_PREFIXES:
        return "region"
    if _birth_date(value[6:14]) is None:
        return "birth_date"
    if resident_id_check_char(value[:17]) != value[17]:
        return "checksum"
    return None


def china_today() -> datetime.date:
    return datetime.datetime.now(CHINA_TIME).date()


def _birth_date(digits: str) -> datetime.date | None:
    try:
        born = datetime.date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        return None
    if born.year < 1900 or born > china_today():
        return None
    return born


def parse_resident_id(value: str) -> tuple[datetime.date, str] | None:
    """(birth date, "male" | "female") from a valid resident ID, else None."""
    born = _birth_date(value[6:14]) if resident_id_problem(value) is None else None
    if born is None:
        return None
    return born, "male" if int(value[16]) % 2 == 1 else "female"


def is_cn_resident_id(value: str) -> bool:
    return resident_id_problem(value) is None


def uscc_check_char(first17: str) -> str:
    """The check character for the first 17 characters of a unified social credit code."""
    total = sum(USCC_CHARS.index(c) * w for c, w in zip(first17, _USCC_WEIGHTS, strict=True))
    return USCC_CHARS[(31 - total % 31) % 31]


def uscc_problem(value: str) -> str | None:
    """What is wrong with a unified social credit code, or None when it is valid.

    One of "shape", "type", "checksum". Characters 3-8 must be digits (the registering
    authority's region code, not checked against today's regions: codes outlive regions);
    characters 9-17 (the organisation code) are not checked on their own.
    """
    if not _USCC_SHAPE.fullmatch(value):
        return "shape"
    if value[1] not in USCC_TYPES.get(value[0], ""):
        return "type"
    if uscc_check_char(value[:17]) != value[17]:
        return "checksum"
    return None


def is_cn_uscc(value: str) -> bool:
    return uscc_problem(value) is None


def is_cn_mobile(value: str) -> bool:
    return _MOBILE.fullmatch(value) is not None


@functools.cache
def region_names() -> dict[str, str]:
    """GB/T 2260 code -> name, read once from form_schemas/regions.json."""
    with REGIONS_FILE.open(encoding="utf-8") as file:
        data = json.load(file)
    return {region["code"]: region["name"] for region in data["regions"]}


def is_cn_region_code(value: str) -> bool:
    return len(value) == 6 and value.isascii() and value in region_names()


def is_iso_date(value: str) -> bool:
    if not _ISO_DATE.fullmatch(value):
        return False
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def is_email(value: str) -> bool:
    return _EMAIL.fullmatch(value) is not None


def _make_format_checker() -> FormatChecker:
    checker = FormatChecker(formats=())
    checks = {
        "cn-resident-id": is_cn_resident_id,
        "cn-uscc": is_cn_uscc,
        "cn-mobile": is_cn_mobile,
        "cn-region-code": is_cn_region_code,
        "date": is_iso_date,
        "email": is_email,
    }
    for name, check in checks.items():
        # A format only constrains strings; `type` speaks for other values.
        checker.checks(name)(functools.partial(_if_string, check))
    return checker


def _if_string(check: Callable[[str], bool], instance: object) -> bool:
    return not isinstance(instance, str) or check(instance)


FORMAT_CHECKER = _make_format_checker()
FORMATS = frozenset(FORMAT_CHECKER.checkers)
