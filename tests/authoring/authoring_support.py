"""A new matter written from nothing, and the operations the configurator sends."""

from __future__ import annotations

from typing import Any

import httpx
from support import staff_gql

ID_NUMBER = "330106195209180229"  # demo-4, 张秀英, born 1952
FIELDS = """
  code status hasDraft extends needsReview document effective runCount
  problems { path message severity }
  testResults { caseId name passed mismatches error eligible runCount materials
                trips { kind itemId fix remedy { zh } } }
  versions { number note author }
  templateDiff { path op }
  templateChange { fromVersion toVersion diff { path op } }
"""
RESULT = f"""
  __typename
  ... on AuthoredMatter {{ {FIELDS} }}
  ... on AuthoringError {{ errorCode: code message {{ zh en }} problems {{ path message }} failingTests {{ name mismatches }} }}
"""
CREATE = f"mutation($t: String, $c: String) {{ createMatter(fromTemplate: $t, code: $c) {{ {RESULT} }} }}"
SAVE = f"mutation($c: String!, $d: JSON!) {{ saveDraft(code: $c, document: $d) {{ {RESULT} }} }}"
SAVE_CASE = f"mutation($c: String!, $t: TestCaseInput!) {{ saveTestCase(code: $c, testCase: $t) {{ {RESULT} }} }}"
PUBLISH = f"""mutation($c: String!, $n: String!) {{ publishMatter(code: $c, note: $n) {{
  __typename ... on PublishedMatter {{ version matter {{ {FIELDS} }} }}
  ... on AuthoringError {{ errorCode: code message {{ zh en }} problems {{ path message }} failingTests {{ name mismatches }} }} }} }}"""
ADVICE = f"mutation($c: String!, $i: String!, $f: String!) {{ applyAdvice(code: $c, itemId: $i, fix: $f) {{ {RESULT} }} }}"
MATTER = f"query($c: String!) {{ authoredMatter(code: $c) {{ {FIELDS} }} }}"


def text(zh: str, en: str) -> dict[str, str]:
    return {"zh": zh, "en": en}


def senior_card(code: str) -> dict[str, Any]:
    """老年人优待证: four fields, two eligibility rules, three materials satisfied by
    e-license, commitment and upload."""
    return {
        "code": code,
        "region": "330106",
        "name": text("老年人优待证办理", "Senior citizen preferential card"),
        "summary": text(
            "年满 60 周岁的老人可以申领老年人优待证，凭证免费游览公园、乘坐公交。",
            "People aged 60 or more may apply for the senior card: free parks and buses.",
        ),
        "kind": "public_service",
        "audience": "citizen",
        "department": {
            "code": "330106-MZJ",
            "name": text("杭州市西湖区民政局", "Civil Affairs Bureau of Xihu District"),
        },
        "keywords": ["老年证", "优待证"],
        "legal_basis": [
            {
                "title": text("《中华人民共和国老年人权益保障法》", "Law on the Rights of the Elderly"),
                "article": "第五十七条",
            }
        ],
        "situations": [],
        "form": {
            "schema": {
                "type": "object",
                "properties": {
                    "applicant_name": {"title": "申请人姓名", "type": "string", "maxLength": 50},
                    "applicant_id_number": {
                        "title": "申请人公民身份号码",
                        "type": "string",
                        "format": "cn-resident-id",
                        "maxLength": 18,
                    },
                    "applicant_mobile": {
                        "title": "申请人手机号码",
                        "type": "string",
                        "format": "cn-mobile",
                    },
                    "residential_address": {"title": "现居住地址", "type": "string", "maxLength": 200},
                },
                "required": [
                    "applicant_name",
                    "applicant_id_number",
                    "applicant_mobile",
                    "residential_address",
                ],
            },
            "ui": {},
        },
        "eligibility": [
            {
                "id": "aged_60",
                "rule": {">=": [{"age_at": [{"var": "applicant.birth_date"}]}, 60]},
                "message": text("须年满 60 周岁。", "You must be 60 or older."),
                "effect": "block",
            },
            {
                "id": "applies_for_self",
                "rule": {
                    "==": [{"var": "answers.applicant_id_number"}, {"var": "applicant.id_number"}]
                },
                "message": text("请本人申请。", "Apply for yourself."),
                "effect": "block",
            },
        ],
        "materials": [
            material("id_card", "identity.resident_id_card", "居民身份证", [
                {"kind": "e_license", "license_type": "resident_id_card"},
                {"kind": "upload", "accept": ["image/jpeg", "image/png"]},
            ]),
            material("residence", "proof.residence", "居住承诺", [
                {"kind": "commitment", "text": text("本人承诺在西湖区居住。", "I live in Xihu.")},
            ]),
            material("photo", "identity.photo", "近期免冠照片", [
                {"kind": "upload", "accept": ["image/jpeg", "image/png"], "max_bytes": 5242880},
            ]),
        ],
        "time_limits": {"statutory_days": 20, "promised_days": 3},
        "delivery": ["pickup", "express"],
        "channels": ["mini_program", "window"],
        "output": {"kind": "certificate", "name": text("老年人优待证", "Senior card")},
    }  # fmt: skip


def material(id: str, type: str, name: str, ways: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "id": id,
        "type": type,
        "name": text(name, name),
        "description": text(f"{name}。", f"{name}."),
        "why": text("核对身份。", "Checks identity."),
        "sample": text("见样例。", "See the sample."),
        "ways": ways,
    }


CASE = {
    "name": "张秀英，持电子身份证",
    "profile": {"id_number": ID_NUMBER, "name": "张秀英", "birth_date": "1952-09-18"},
    "eLicenses": ["resident_id_card"],
    "answers": {
        "applicant_name": "张秀英",
        "applicant_id_number": ID_NUMBER,
        "applicant_mobile": "13605710004",
        "residential_address": "杭州市西湖区文三路 188 号",
    },
    "expected": {"eligible": True, "materials": ["id_card", "residence", "photo"], "runCount": 0},
}


async def create(client: httpx.AsyncClient, token: str, template: str | None = None) -> str:
    body = await staff_gql(client, CREATE, {"t": template}, token)
    return str(body["data"]["createMatter"]["code"])


async def save(
    client: httpx.AsyncClient, token: str, code: str, document: dict[str, Any]
) -> dict[str, Any]:
    body = await staff_gql(client, SAVE, {"c": code, "d": document}, token)
    return body["data"]["saveDraft"]  # type: ignore[no-any-return]


async def publish(client: httpx.AsyncClient, token: str, code: str, note: str) -> dict[str, Any]:
    body = await staff_gql(client, PUBLISH, {"c": code, "n": note}, token)
    return body["data"]["publishMatter"]  # type: ignore[no-any-return]
