"""The public verification page, GET/POST /verify: plain HTML (no script), Chinese first with
English, for anyone handed a document (a bank, a landlord, a clerk elsewhere) — a number typed
or read from the QR code, or the PDF uploaded. It answers as verifyDocument and
verifyDocumentFile do, through the same types. And GET /documents/<number>.pdf: a citizen's
own sealed PDF, with their bearer token."""

from __future__ import annotations

from html import escape
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from backend.api.errors import problems_as
from backend.api.seals.types import DocumentVerification, SealError, VerifyDocumentResult
from backend.api.services import Services
from backend.api.types import LocalizedText
from backend.api.view import bearer
from backend.seals import service

FORM_OVERHEAD = 64 * 1024  # the multipart boundaries and the number field around the file
# Inline styles only; no script, no frame, forms post here only.
POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)
STATUS_COLOURS = {"GENUINE": "#0a6b2d", "REVOKED": "#8a4b00"}  # others: #a11212 (≥ 4.5:1 on white)
LABELS = [
    ("number", "编号", "Number"),
    ("kind", "类型", "Kind"),
    ("title", "名称", "Title"),
    ("holder", "持有人（已遮蔽）", "Holder (masked)"),
    ("issuer", "签发机关", "Issuer"),
    ("issued_at", "签发时间", "Issued at"),
    ("revoked_at", "撤销时间", "Revoked at"),
    ("license_number", "证照编号", "License number"),
    ("key_id", "签章密钥", "Signing key"),
]


@problems_as(SealError)
async def _by_number(number: str) -> VerifyDocumentResult:
    return DocumentVerification.of(await service.verify_number(number))


@problems_as(SealError)
async def _by_file(upload: object) -> VerifyDocumentResult:
    return DocumentVerification.of(await service.verify_file(upload))


def verify_routes(services: Services) -> list[Route]:
    async def verify(request: Request) -> Response:
        answer: VerifyDocumentResult | None = None
        number = str(request.query_params.get("number", ""))[:100]
        if request.method == "POST":
            declared = request.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > service.MAX_VERIFY_BYTES + FORM_OVERHEAD:
                answer = _too_large()
            else:
                async with request.form(max_files=1, max_fields=2) as form:
                    upload = form.get("file")
                    number = str(form.get("number") or "")[:100]
                    if upload is not None and not isinstance(upload, str) and upload.filename:
                        answer = await _by_file(upload)
                    elif number.strip():
                        answer = await _by_number(number)
        elif number.strip():
            answer = await _by_number(number)
        return HTMLResponse(
            _page(number, answer),
            headers={"Content-Security-Policy": POLICY, "Cache-Control": "no-store"},
        )

    async def download(request: Request) -> Response:
        token = bearer(request)
        session = await services.sessions.session(token) if token else None
        number = str(request.path_params["number"])[:64]
        doc = await service.document_for(session.citizen.id, number) if session else None
        if doc is None:
            return JSONResponse(
                {
                    "code": "NOT_FOUND",
                    "message": {"zh": "没有这份文书。", "en": "No such document."},
                },
                404 if session else 401,
                {"Cache-Control": "private, no-store"},
            )
        return Response(
            doc.pdf,
            media_type="application/pdf",
            headers={
                "Content-Disposition": f"inline; filename*=UTF-8''{quote(doc.number)}.pdf",
                "Cache-Control": "private, no-store",
            },
        )

    return [
        Route("/verify", verify, methods=["GET", "POST"]),
        Route("/documents/{number}.pdf", download, methods=["GET"]),
    ]


def _too_large() -> SealError:
    mb = service.MAX_VERIFY_BYTES // 1024 // 1024
    return SealError.of(
        service.SealProblem(
            "TOO_LARGE",
            "file",
            f"文件超过 {mb} MB，不是本平台出具的文书。",
            f"The file is over {mb} MB: no document we issue is.",
        )
    )


def _page(number: str, answer: VerifyDocumentResult | None) -> str:
    return f"""<!doctype html>
<html lang="zh-CN">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>文书与电子证照核验 · Verify a document</title>
<style>
body {{ font-family: system-ui, "PingFang SC", "Noto Sans CJK SC", sans-serif; font-size: 18px;
  line-height: 1.6; color: #1a1a1a; background: #fff; max-width: 42rem; margin: 0 auto; padding: 1rem; }}
h1 {{ font-size: 1.6rem; }} .en {{ color: #4a4a4a; font-size: 0.9em; }}
label {{ display: block; font-weight: 600; margin-top: 1rem; }}
input, button {{ font-size: 1rem; min-height: 48px; }} input[type=text] {{ width: 100%; box-sizing: border-box; }}
button {{ margin-top: 0.75rem; padding: 0 1.25rem; background: #0b57d0; color: #fff; border: 0; border-radius: 6px; }}
button:focus, input:focus {{ outline: 3px solid #f4b400; outline-offset: 2px; }}
fieldset {{ border: 1px solid #767676; border-radius: 6px; margin-top: 1rem; }}
dt {{ font-weight: 600; }} dd {{ margin: 0 0 0.5rem; overflow-wrap: anywhere; }}
</style></head>
<body><main>
<h1>文书与电子证照核验 <span class="en" lang="en">Verify a document or e-license</span></h1>
<p>输入文书编号（二维码旁）或电子证照编号，或上传 PDF 原件。本页只显示持有人出示时可见的信息，不显示身份证号。
<span class="en" lang="en">Enter the document number (beside its QR code) or the e-license number, or upload the PDF.
Only what the holder shows is displayed, never a resident ID.</span></p>
{_result(answer)}
<form method="post" action="/verify" enctype="multipart/form-data">
<fieldset><legend>按编号核验 <span lang="en">By number</span></legend>
<label for="number">编号 <span class="en" lang="en">Number</span></label>
<input type="text" id="number" name="number" value="{escape(number, quote=True)}" maxlength="64" autocomplete="off" inputmode="latin">
</fieldset>
<fieldset><legend>或上传 PDF <span lang="en">Or upload the PDF</span></legend>
<label for="file">PDF 文件（不超过 {service.MAX_VERIFY_BYTES // 1024 // 1024} MB、{service.MAX_VERIFY_PAGES} 页）
<span class="en" lang="en">PDF file (at most {service.MAX_VERIFY_BYTES // 1024 // 1024} MB, {service.MAX_VERIFY_PAGES} pages)</span></label>
<input type="file" id="file" name="file" accept="application/pdf">
</fieldset>
<button type="submit">核验 <span lang="en">Verify</span></button>
</form>
<p class="en">签名公钥见 GraphQL <code>sealKeys</code>。 <span lang="en">Public keys: GraphQL <code>sealKeys</code> at /graphql.</span></p>
</main></body></html>"""


def _result(answer: VerifyDocumentResult | None) -> str:
    if answer is None:
        return ""
    if isinstance(answer, SealError):
        return (
            '<section role="alert" aria-labelledby="r"><h2 id="r" style="color:#a11212">'
            f'无法核验 <span lang="en">Cannot verify</span></h2><p>{escape(answer.message.zh)}'
            f' <span class="en" lang="en">{escape(answer.message.en)}</span></p></section>'
        )
    colour = STATUS_COLOURS.get(answer.status.name, "#a11212")
    rows = []
    for field, zh, en in LABELS:
        value = getattr(answer, field)
        if value is None:
            continue
        if field == "kind" and value in service.KINDS:
            value = LocalizedText.of(service.KINDS[value])
        text = f"{value.zh} {value.en}" if isinstance(value, LocalizedText) else str(value)
        rows.append(f'<dt>{zh} <span class="en" lang="en">{en}</span></dt><dd>{escape(text)}</dd>')
    return (
        f'<section role="status" aria-labelledby="r"><h2 id="r" style="color:{colour}">'
        f"{escape(answer.message.zh)}</h2>"
        f'<p class="en" lang="en">{escape(answer.message.en)}</p><dl>{"".join(rows)}</dl></section>'
    )
