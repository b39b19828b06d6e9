"""Plain Chinese and English messages for answers that fail a form's JSON Schema.

`Label` is how a message names the field: the schema's `title` (Chinese) and, when the
schema gives one, `x-title-en`.
"""

from dataclasses import dataclass
from typing import Any

from backend.forms.formats import resident_id_problem, uscc_problem

Message = tuple[str, str]


@dataclass(frozen=True)
class Label:
    zh: str
    en: str


TYPE_NAMES: dict[str, Message] = {
    "string": ("文字", "text"),
    "integer": ("整数", "a whole number"),
    "number": ("数字", "a number"),
    "boolean": ("“是”或“否”", "yes or no"),
    "object": ("一组信息", "a group of answers"),
    "array": ("列表", "a list"),
    "null": ("空值", "empty"),
}

RESIDENT_ID: dict[str, Message] = {
    "shape": (
        "身份证号码应为 18 位：前 17 位是数字，最后一位是数字或大写 X",
        "A resident ID number has 18 characters: 17 digits, then a digit or a capital X",
    ),
    "lowercase_x": (
        "身份证号码最后一位的 X 请用大写",
        "Write the last X of the resident ID number as a capital letter",
    ),
    "region": (
        "身份证号码前两位不是有效的省级行政区划代码",
        "The first two digits of the resident ID number are not a province code",
    ),
    "birth_date": (
        "身份证号码中的出生日期不正确",
        "The birth date inside the resident ID number is not a real date",
    ),
    "checksum": (
        "身份证号码校验位不正确",
        "The check digit of the resident ID number is wrong; check the number",
    ),
}

USCC: dict[str, Message] = {
    "shape": (
        "统一社会信用代码应为 18 位数字或大写字母（不含 I、O、S、V、Z），第 3 至 8 位为数字",
        "A unified social credit code has 18 digits or capital letters (no I, O, S, V, Z), "
        "with digits in places 3 to 8",
    ),
    "type": (
        "统一社会信用代码前两位（登记管理部门和机构类别）不正确",
        "The first two characters of the unified social credit code (registering authority "
        "and organisation type) are not valid",
    ),
    "checksum": (
        "统一社会信用代码校验位不正确",
        "The check character of the unified social credit code is wrong; check the code",
    ),
}


def required(label: Label) -> Message:
    return f"请填写“{label.zh}”", f"Fill in “{label.en}”"


def unknown_field(name: str) -> Message:
    return f"表单中没有“{name}”这一项", f"The form has no field “{name}”"


def type_(label: Label, expected: Any) -> Message:
    names = [
        TYPE_NAMES.get(t, (t, t)) for t in ([expected] if isinstance(expected, str) else expected)
    ]
    zh = "或".join(name[0] for name in names)
    en = " or ".join(name[1] for name in names)
    return f"“{label.zh}”应填写{zh}", f"“{label.en}” must be {en}"


def format_(label: Label, fmt: str, value: str) -> Message:
    if fmt == "cn-resident-id":
        return RESIDENT_ID[resident_id_problem(value) or "shape"]
    if fmt == "cn-uscc":
        return USCC[uscc_problem(value) or "shape"]
    if fmt == "cn-mobile":
        return "请填写 11 位手机号码", "Enter an 11-digit mobile phone number"
    if fmt == "cn-region-code":
        return (
            f"“{label.zh}”不是有效的行政区划代码",
            f"“{label.en}” is not a known region code",
        )
    if fmt == "date":
        return (
            "请按“年-月-日”填写日期，例如 2024-05-01",
            "Enter the date as year-month-day, for example 2024-05-01",
        )
    if fmt == "email":
        return "电子邮箱地址格式不正确", "This is not a valid email address"
    return f"“{label.zh}”格式不正确", f"“{label.en}” is not in the right format"


def bound(label: Label, keyword: str, limit: Any) -> Message:
    n = number(limit)
    return {
        "minLength": (f"“{label.zh}”至少 {n} 个字", f"“{label.en}” needs at least {n} characters"),
        "maxLength": (f"“{label.zh}”最多 {n} 个字", f"“{label.en}” takes at most {n} characters"),
        "minimum": (f"“{label.zh}”不能小于 {n}", f"“{label.en}” must be at least {n}"),
        "exclusiveMinimum": (f"“{label.zh}”必须大于 {n}", f"“{label.en}” must be more than {n}"),
        "maximum": (f"“{label.zh}”不能大于 {n}", f"“{label.en}” must be at most {n}"),
        "exclusiveMaximum": (f"“{label.zh}”必须小于 {n}", f"“{label.en}” must be less than {n}"),
        "minItems": (f"“{label.zh}”至少要有 {n} 项", f"“{label.en}” needs at least {n} entries"),
        "maxItems": (f"“{label.zh}”最多 {n} 项", f"“{label.en}” takes at most {n} entries"),
    }[keyword]


def other(label: Label, keyword: str) -> Message:
    if keyword in ("enum", "const"):
        return f"请从给定选项中选择“{label.zh}”", f"Choose “{label.en}” from the options given"
    if keyword == "pattern":
        return f"“{label.zh}”格式不正确", f"“{label.en}” is not in the expected format"
    if keyword == "uniqueItems":
        return f"“{label.zh}”中有重复的项", f"“{label.en}” has entries that repeat"
    if keyword in ("unevaluatedProperties", "unevaluatedItems"):
        return (
            f"“{label.zh}”中有表单没有的项",
            f"“{label.en}” has entries the form does not ask for",
        )
    return f"“{label.zh}”填写不正确", f"“{label.en}” is not valid"


def number(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
