"""The agent's (代办员) filing for a citizen present with them: the citizen's consent, by a
one-time code sent to the mobile on record for them or by a signed paper consent scanned into
the file store, then a citizen token acting for them (two hours) that the agent's client uses
on the citizen endpoint; every step there is recorded as staff:<username>."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import AsyncIterable
from enum import Enum
from typing import Annotated, Any, ClassVar

import strawberry
import structlog
from strawberry.file_uploads import Upload

from backend.accounts import service as accounts
from backend.accounts.service import AccountProblem
from backend.api.accounts.acting import acted_steps
from backend.api.accounts.types import ActedStep
from backend.api.context import Info
from backend.api.errors import Problems, problems_as
from backend.api.permissions import IsAgent, IsStaff
from backend.api.types import FieldError, LocalizedText
from backend.applications import service as applications
from backend.backoffice.service import record_staff_change, recorded
from backend.files.service import MB, Readable, UploadRejected, store_upload
from backend.forms.validation import FieldError as FieldErrorData

log = structlog.get_logger("zerorun.agents")
AGENT = [IsStaff, IsAgent]


@strawberry.enum(description="Why an agent's consent or filing did not happen.")
class AgentErrorCode(Enum):
    INVALID_INPUT = "INVALID_INPUT"
    NO_MOBILE_ON_RECORD = "NO_MOBILE_ON_RECORD"
    RATE_LIMITED = "RATE_LIMITED"
    NOT_SENT = "NOT_SENT"
    CODE_WRONG = "CODE_WRONG"
    CODE_EXPIRED = "CODE_EXPIRED"
    LOCKED = "LOCKED"
    FILE_NOT_FOUND = "FILE_NOT_FOUND"


@strawberry.type
class AgentError:
    problem: ClassVar[Problems] = AccountProblem
    code: AgentErrorCode
    message: LocalizedText
    errors: list[FieldError] = strawberry.field(
        description="Each field at fault (/residentId, /name, /consent/method, /consent/code, /consent/fileKey) with its code."
    )

    @classmethod
    def of(cls, p: AccountProblem) -> AgentError:
        return cls(
            code=AgentErrorCode(p.code),
            message=LocalizedText(zh=p.message_zh, en=p.message_en),
            errors=[FieldError.of(e) for e in p.errors],
        )


@strawberry.input(
    description="How the citizen consented: sms_code with `code`, or paper with `fileKey`."
)
class ConsentInput:
    method: str = strawberry.field(description="sms_code or paper.")
    code: str | None = strawberry.field(default=None, description="The code the citizen read out.")
    file_key: str | None = strawberry.field(
        default=None, description="The scanned signed paper consent, as the file store keeps it."
    )


@strawberry.type(description="A one-time code sent to the citizen's mobile on record.")
class ConsentCodeSent:
    sent_to: str = strawberry.field(description="The mobile, masked: 136****0004.")
    expires_at: dt.datetime


@strawberry.type(description="A citizen token acting for the citizen, for the citizen endpoint.")
class AssistedFiling:
    token: str = strawberry.field(
        description="Send as 'Authorization: Bearer <token>' to /graphql."
    )
    citizen_name: str
    expires_at: dt.datetime


@strawberry.type(description="A signed paper consent, scanned and kept for my next filing.")
class PaperConsent:
    file_key: str = strawberry.field(
        description="Give it as consent.fileKey to startAssistedFiling (mine only)."
    )
    filename: str
    size: int


ConsentCodeResult = Annotated[ConsentCodeSent | AgentError, strawberry.union("ConsentCodeResult")]
PaperConsentResult = Annotated[PaperConsent | AgentError, strawberry.union("PaperConsentResult")]
AssistedFilingResult = Annotated[
    AssistedFiling | AgentError, strawberry.union("AssistedFilingResult")
]


def codes(info: Info) -> accounts.ConsentCodes:
    s = info.context.services
    return accounts.ConsentCodes(s.kv, s.settings.secret_key, s.settings.cache_prefix)


def username(info: Info) -> str:
    assert info.context.staff is not None
    return info.context.staff.username


def _problem(code: str, zh: str, en: str, path: str = "") -> AccountProblem:
    errors = [FieldErrorData(path, code, zh, en)] if path else []
    return AccountProblem(code, zh, en, errors)


async def _send(info: Info, citizen: accounts.Citizen, code: str) -> None:
    staff = info.context.staff
    assert staff is not None
    text = {
        "zh": f"验证码 {code}：{staff.name}（代办员）正在为您代办政务事项，10 分钟内有效。本人同意才可告知。",
        "en": f"Code {code}: {staff.name} (agent) is filing for you; valid 10 minutes. Tell it only if you agree.",
    }
    key = f"{info.context.services.settings.cache_prefix}:consent:{uuid.uuid4().hex}"
    try:
        await info.context.services.notifier.send(citizen.id, "consent_code", text, key)
    except Exception as e:  # the gateway refused or is down: say so, the agent may use paper
        log.warning("consent code not sent", citizen_id=citizen.id, error=type(e).__name__)
        raise _problem(
            "NOT_SENT",
            "短信暂时发不出去，请稍后再试，或改用纸质授权书。",
            "The text message could not be sent; try again later or use a signed paper consent.",
        ) from None


async def _consent(
    info: Info, resident_id: str, name: str, consent: ConsentInput
) -> dict[str, Any]:
    """The evidence of the citizen's consent, checked; raises the problem otherwise."""
    if consent.method == "sms_code":
        _, mobile = await accounts.agents.on_record(resident_id, name)
        await codes(info).check(username(info), resident_id, consent.code or "")
        return {"method": "sms_code", "sent_to": accounts.masked_mobile(mobile)}
    if consent.method == "paper":
        key = consent.file_key or ""
        try:
            found = await _scanned_by(
                username(info), key
            ) and await info.context.services.files.exists(key)
        except ValueError:
            found = False
        if not found:
            raise _problem(
                "FILE_NOT_FOUND",
                "没有找到您上传的纸质授权书扫描件，请先上传。",
                "No paper consent you scanned has this key; upload it first (uploadPaperConsent).",
                "/consent/fileKey",
            )
        return {"method": "paper", "file": key}
    raise _problem(
        "INVALID_INPUT",
        "授权方式须为 sms_code 或 paper。",
        "consent.method must be sms_code or paper.",
        "/consent/method",
    )


async def _scanned_by(agent: str, key: str) -> bool:
    """Whether this agent uploaded the scan `key` (never another's file, nor a citizen's)."""
    return bool(key) and await recorded(f"staff:{agent}", "consent.scanned", f"file:{key}")


@strawberry.type
class AgentMutations:
    @strawberry.mutation(
        permission_classes=AGENT,
        description="Scan of the paper consent the citizen signed (授权委托书): PDF, JPEG or PNG, at most 10 MB, multipart request; its fileKey starts a filing with consent method paper (only mine). AgentError codes: INVALID_INPUT (with /file). Agents only.",
    )
    @problems_as(AgentError)
    async def upload_paper_consent(self, info: Info, file: Upload) -> PaperConsentResult:
        services = info.context.services
        if not isinstance(file, AsyncIterable | Readable):
            raise _problem(
                "INVALID_INPUT",
                "请以 multipart 请求上传文件。",
                "Send the file as a part of a multipart request.",
                "/file",
            )
        try:
            stored = await store_upload(
                services.files,
                file,
                filename=getattr(file, "filename", "") or "",
                accept=["application/pdf", "image/jpeg", "image/png"],
                max_bytes=min(10 * MB, services.settings.max_upload_bytes),
            )
        except UploadRejected as e:
            zh, en = e.message_zh, e.message_en
            errors = [FieldErrorData("/file", e.code, zh, en)]
            raise AccountProblem("INVALID_INPUT", zh, en, errors) from None
        finally:
            if close := getattr(file, "close", None):
                await close()
        after = {"filename": stored.filename, "sha256": stored.sha256, "size": stored.size}
        await record_staff_change(
            f"staff:{username(info)}", "consent.scanned", f"file:{stored.key}", None, after
        )
        return PaperConsent(file_key=stored.key, filename=stored.filename, size=stored.size)

    @strawberry.mutation(
        permission_classes=AGENT,
        description="Send the citizen with this resident ID and name a one-time code (6 digits, 10 minutes) to the mobile on record for them, never one I type; at most three an hour to one citizen. AgentError codes: INVALID_INPUT, NO_MOBILE_ON_RECORD, RATE_LIMITED, NOT_SENT. Agents only.",
    )
    @problems_as(AgentError)
    async def send_consent_code(self, info: Info, resident_id: str, name: str) -> ConsentCodeResult:
        citizen, mobile = await accounts.agents.on_record(resident_id, name)
        code, expires = await codes(info).issue(username(info), resident_id)
        await _send(info, citizen, code)
        return ConsentCodeSent(sent_to=accounts.masked_mobile(mobile), expires_at=expires)

    @strawberry.mutation(
        permission_classes=AGENT,
        description="File for the citizen present with me, with their consent (the code they received, used once, five wrong tries lock it; or the scanned signed paper consent): a citizen token acting for them for two hours, for the citizen endpoint; each step is recorded as mine on their timeline and in the audit log. AgentError codes: INVALID_INPUT, CODE_WRONG, CODE_EXPIRED, LOCKED, FILE_NOT_FOUND. Agents only.",
    )
    @problems_as(AgentError)
    async def start_assisted_filing(
        self, info: Info, resident_id: str, name: str, consent: ConsentInput
    ) -> AssistedFilingResult:
        agent = username(info)
        evidence = await _consent(info, resident_id, name, consent)
        citizen, made = await accounts.agents.assist(agent, resident_id, name, evidence)
        token = await info.context.services.sessions.issue(
            citizen, made, ttl=accounts.agents.ASSISTED
        )
        after = {"representation": made.id, "basis": "agent", "consent": evidence["method"]}
        await record_staff_change(
            f"staff:{agent}", "representation.assisted", f"citizen:{citizen.id}", None, after
        )
        assert made.valid_until is not None
        return AssistedFiling(token=token, citizen_name=citizen.name, expires_at=made.valid_until)


@strawberry.type
class AgentQueries:
    @strawberry.field(
        permission_classes=AGENT,
        description="Every step I took in citizens' names (assisted filings), newest first (at most 200), with whose name it was (masked). Agents only.",
    )
    async def assisted_steps(self, info: Info, first: int = 50) -> list[ActedStep]:
        events = await applications.done_by(f"staff:{username(info)}", first)
        return await acted_steps(info, events)
