"""Helpers shared by tests: settings, the app as a client, GraphQL calls, sign-in."""

from __future__ import annotations

import collections
import contextlib
import contextvars
import json
import logging
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import AsyncIterator, Callable, Iterator, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import asyncpg
import httpx

from backend.app import create_app
from backend.notifications.models import Outbox
from backend.settings import ROOT, Settings

REDIS_URL = os.environ.get("REDIS_URL") or None
POSTGRES_URL = os.environ.get("DATABASE_URL", "")
BACKENDS = ["sqlite"] + (
    ["postgres"] if POSTGRES_URL.startswith(("postgres://", "postgresql://")) else []
)


def with_database(url: str, name: str) -> str:
    """The PostgreSQL URL with another database name."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/" + name))


async def admin_sql(sql: str) -> None:
    """One statement on the PostgreSQL server itself (CREATE / DROP DATABASE)."""
    conn = await asyncpg.connect("postgresql://" + POSTGRES_URL.split("://", 1)[1])
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


RUN = uuid.uuid4().hex[:8]
# A served process stops within this of SIGTERM: its requests get GRACEFUL_SHUTDOWN_SECONDS
# (backend/cli/serve.py), then its lifespan ends; the rest is a busy machine's margin.
STOP_SECONDS = 60
REGISTRY_TOKEN = "registry-token-" + RUN


class Registry:
    """The stand-in registry's switches, as its operator would flip them."""

    def __init__(self, url: str) -> None:
        self.url = url

    def set(self, **switches: Any) -> None:
        response = httpx.post(
            f"{self.url}/_control",
            json=switches,
            headers={"Authorization": f"Bearer {REGISTRY_TOKEN}"},
        )
        response.raise_for_status()


def make_settings(database_url: str, **changes: Any) -> Settings:
    base = Settings(
        database_url=database_url,
        redis_url=REDIS_URL,
        env="development",
        secret_key="test-secret-key-of-at-least-32-chars-" + RUN,
        rate_limit_per_minute=1_000_000,
        cache_prefix=f"test-{uuid.uuid4().hex}",  # a shared Redis never mixes two tests' entries
        files_dir=Path(tempfile.gettempdir()) / f"zerorun-files-{RUN}",
    )
    return replace(base, **changes)


class app_client:
    def __init__(self, settings: Settings, client_addr: str = "127.0.0.1") -> None:
        self.app = create_app(settings)
        self.client_addr = client_addr

    async def __aenter__(self) -> httpx.AsyncClient:
        self._lifespan = self.app.router.lifespan_context(self.app)
        await self._lifespan.__aenter__()
        transport = httpx.ASGITransport(app=self.app, client=(self.client_addr, 50000))
        self._client = httpx.AsyncClient(transport=transport, base_url="http://testserver")
        return self._client

    async def __aexit__(self, *exc: object) -> None:
        await self._client.aclose()
        await self._lifespan.__aexit__(*exc)


async def gql(
    client: httpx.AsyncClient,
    query: str,
    variables: dict[str, Any] | None = None,
    token: str | None = None,
    path: str = "/graphql",
) -> dict[str, Any]:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    response = await client.post(
        path, json={"query": query, "variables": variables or {}}, headers=headers
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


SIGN_IN = """
mutation SignIn($credential: String!) {
  signIn(provider: "development", credential: $credential) {
    __typename
    ... on Session { token citizen { name } }
    ... on SignInError { code }
  }
}
"""


async def sign_in(client: httpx.AsyncClient, resident: str) -> str:
    body = await gql(client, SIGN_IN, {"credential": resident})
    token: str = body["data"]["signIn"]["token"]
    return token


GRANT = """
mutation Grant($id: ID!, $sources: [String!]!) {
  grantConsent(applicationId: $id, sources: $sources) {
    __typename
    ... on Application { id }
    ... on ApplicationError { code }
  }
}
"""
NEEDED = "query Needed($id: ID!) { application(id: $id) { dataSharing { sourceId } } }"
UPLOAD = """
mutation Upload($id: ID!, $material: String!, $file: Upload!) {
  uploadMaterial(applicationId: $id, materialId: $material, file: $file) {
    __typename
    ... on Application { id }
    ... on ApplicationError { code errors { path code message { zh en } } }
  }
}
"""
PNG = bytes.fromhex(  # one white pixel, whole: the server decodes an uploaded image
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c63f8ffffff7f0009fb03fd2a86e38a0000000049454e44ae426082"
)
# The smallest whole PDF: one blank page, its cross-reference table at the right offsets.
PDF = (
    b"%PDF-1.4\n"
    b"1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
    b"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
    b"3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj\n"
    b"xref\n0 4\n0000000000 65535 f \n0000000009 00000 n \n0000000058 00000 n \n"
    b"0000000115 00000 n \ntrailer << /Size 4 /Root 1 0 R >>\nstartxref\n186\n%%EOF\n"
)


async def consent_to_everything(
    client: httpx.AsyncClient, token: str, application_id: str
) -> list[str]:
    """Consent to every data set the application asks for; returns their ids."""
    needed = await gql(client, NEEDED, {"id": application_id}, token)
    sources = [d["sourceId"] for d in needed["data"]["application"]["dataSharing"]]
    body = await gql(client, GRANT, {"id": application_id, "sources": sources}, token)
    assert body["data"]["grantConsent"]["__typename"] == "Application", body
    return sources


async def upload(
    client: httpx.AsyncClient,
    token: str,
    application_id: str,
    material: str,
    content: bytes = PDF,
    filename: str = "scan.pdf",
) -> dict[str, Any]:
    """A GraphQL multipart request, as the mini-program sends a file."""
    operations = {
        "query": UPLOAD,
        "variables": {"id": application_id, "material": material, "file": None},
    }
    response = await client.post(
        "/graphql",
        data={"operations": json.dumps(operations), "map": json.dumps({"0": ["variables.file"]})},
        files={"0": (filename, content, "application/octet-stream")},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()["data"]["uploadMaterial"]
    return result


REGION = "330106"
HOUSE = "330106-ZJ-002"
ID_CARD = "330106-ZJ-009"  # 陈浩然 (demo-5)'s first ID card: one form, nothing to upload
ID_CARD_ANSWERS = {
    "applicant_mobile": "13805710005",
    "delivery_recipient": "陈浩然",
    "delivery_mobile": "13805710005",
    "delivery_address": "浙江省杭州市西湖区文三路 90 号",
}
HOUSE_EVENT = "330106-YJS-001"
HOUSE_EVENT_SITUATION = {
    "applicant_role": "seller",
    "seller_marital_status": "married",
    "buyer_family_homes": "first",
    "buyer_marital_status": "married",
}
HOUSE_EVENT_ANSWERS = {
    "seller_mobile": "13805710001",
    "buyer_name": "李婷",
    "buyer_mobile": "13905710021",
    "payment_method": "full_payment",
    "seller_name": "王建国",
    "seller_id_number": "330106196803120311",
}
START_EVENT = "mutation($c: String!) { startLifeEvent(code: $c) { ... on Application { id } } }"
SAVE = "mutation($id: ID!, $a: JSON!, $s: JSON) { saveApplication(id: $id, answers: $a, situation: $s) { __typename } }"
SIGN = "mutation($id: ID!, $m: String!) { signCommitment(applicationId: $id, materialId: $m) { __typename } }"
SUBMIT = "mutation($id: ID!) { submitApplication(input: {applicationId: $id}) { __typename ... on Application { status } } }"


BUYER_KEYS = ("buyer_mobile", "payment_method")  # her own part of HOUSE_EVENT_ANSWERS
INVITE = 'mutation($id: ID!) { inviteParty(applicationId: $id, party: "buyer") { ... on PartyInvitation { shareCode: code } } }'
JOIN = "mutation($c: String!) { joinApplication(code: $c) { __typename } }"
CONFIRM = "mutation($id: ID!) { confirmParty(applicationId: $id) { __typename } }"


async def ready_house_event(client: httpx.AsyncClient, token: str) -> str:
    """王建国's house-transfer life event, ready for his submission with zero trips: his part
    with every data set shared and the spouse's consent uploaded; the buyer 李婷 (demo-2)
    invited by share code, her part filled with her own data shared and her commitment
    signed, and her confirmation given (tests/api/parties_support.py has the steps apart)."""
    parent = str(
        (await gql(client, START_EVENT, {"c": HOUSE_EVENT}, token))["data"]["startLifeEvent"]["id"]
    )
    await gql(client, SAVE, {"id": parent, "a": {}, "s": HOUSE_EVENT_SITUATION}, token)
    await consent_to_everything(client, token, parent)
    await upload(client, token, parent, "property.co_owner_consent")
    seller = {k: v for k, v in HOUSE_EVENT_ANSWERS.items() if k.startswith("seller_")}
    await gql(client, SAVE, {"id": parent, "a": seller, "s": HOUSE_EVENT_SITUATION}, token)
    buyer = await sign_in(client, "demo-2")
    code = (await gql(client, INVITE, {"id": parent}, token))["data"]["inviteParty"]["shareCode"]
    await gql(client, JOIN, {"c": code}, buyer)
    await consent_to_everything(client, buyer, parent)
    await gql(client, SIGN, {"id": parent, "m": "tax.family_housing_commitment"}, buyer)
    mine = {k: HOUSE_EVENT_ANSWERS[k] for k in BUYER_KEYS}
    await gql(client, SAVE, {"id": parent, "a": mine, "s": HOUSE_EVENT_SITUATION}, buyer)
    await gql(client, CONFIRM, {"id": parent}, buyer)
    return parent


async def staff_gql(
    client: httpx.AsyncClient,
    query: str,
    variables: dict[str, Any] | None = None,
    token: str | None = None,
) -> dict[str, Any]:
    """The staff endpoint, /staff/graphql."""
    return await gql(client, query, variables, token, path="/staff/graphql")


STAFF_PASSWORD = "correct horse battery staple"
STAFF_SIGN_IN = "mutation($u: String!, $p: String!) { signIn(username: $u, password: $p) { ... on StaffSession { token } } }"


async def staff_token(
    client: httpx.AsyncClient,
    username: str,
    role: str,
    region: str = "330106",
    department: str | None = None,
) -> str:
    """Create a staff account (as `zerorun staff create` does) and sign it in."""
    from backend.staff import service

    await service.create(username, username, role, region, department, STAFF_PASSWORD)
    body = await staff_gql(client, STAFF_SIGN_IN, {"u": username, "p": STAFF_PASSWORD})
    return str(body["data"]["signIn"]["token"])


WINDOW_PAYMENT = "mutation($id: ID!) { recordWindowPayment(id: $id) { __typename } }"


async def fees_paid(client: httpx.AsyncClient, application_id: str) -> None:
    """The application's fees recorded as paid at the window by a clerk of its county, so that
    it can be decided (tests/payments/test_payments.py pays online)."""
    clerk = await staff_token(client, f"fees-clerk-{uuid.uuid4().hex[:8]}", "window_clerk")
    body = await staff_gql(client, WINDOW_PAYMENT, {"id": application_id}, clerk)
    assert body["data"]["recordWindowPayment"]["__typename"] == "StaffApplication", body


_counted: contextvars.ContextVar[QueryCount | None] = contextvars.ContextVar(
    "counted", default=None
)


class QueryCount(logging.Handler):
    """Counts the SQL statements Tortoise sends (its debug log, one line per statement) for the
    work started inside the block: `with QueryCount() as q: ...; q.count`. Tasks already running
    (a subscription checking its session when an event arrives, the notice dispatcher) are not
    counted, however their statements interleave."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.statements: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if _counted.get() is not self:
            return
        message = record.getMessage()
        if message.startswith(("Created connection", "Closed connection")):
            return
        if '"outbox"' in message:
            return  # the notice dispatcher polls in the background, whatever the request does
        if message.startswith("SET LOCAL"):
            return  # a transaction's setting on PostgreSQL (a report's memory), not a query
        self.statements.append(message)

    @property
    def count(self) -> int:
        return len(self.statements)

    def __enter__(self) -> QueryCount:
        log = logging.getLogger("tortoise.db_client")
        self.level, self.propagate = log.level, log.propagate
        log.setLevel(logging.DEBUG)
        log.propagate = False
        log.addHandler(self)
        self.token = _counted.set(self)
        return self

    def __exit__(self, *exc: object) -> None:
        _counted.reset(self.token)
        log = logging.getLogger("tortoise.db_client")
        log.removeHandler(self)
        log.setLevel(self.level)
        log.propagate = self.propagate


@contextlib.asynccontextmanager
async def refusing_inserts(table: str) -> AsyncIterator[None]:
    """`table` refuses every new row (a trigger raising 'refused'), as a database failing in the
    middle of a piece of work would, until the block ends."""
    connection = Outbox._meta.db  # the app's one connection, whichever model names it
    trigger = f"{table}_refuses"
    if connection.capabilities.dialect == "sqlite":
        create = [
            f'CREATE TRIGGER "{trigger}" BEFORE INSERT ON "{table}" '
            "BEGIN SELECT RAISE(ABORT, 'refused'); END"
        ]
        drop = [f'DROP TRIGGER "{trigger}"']
    else:
        create = [
            f"CREATE FUNCTION {trigger}() RETURNS trigger LANGUAGE plpgsql "
            "AS $$ BEGIN RAISE EXCEPTION 'refused'; END $$",
            f'CREATE TRIGGER "{trigger}" BEFORE INSERT ON "{table}" '
            f"FOR EACH ROW EXECUTE FUNCTION {trigger}()",
        ]
        drop = [f'DROP TRIGGER "{trigger}" ON "{table}"', f"DROP FUNCTION {trigger}()"]
    for statement in create:
        await connection.execute_script(statement)
    try:
        yield
    finally:
        for statement in drop:
            await connection.execute_script(statement)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def zerorun(
    *args: str, env: Mapping[str, str], stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    """`zerorun ARGS` in a process of its own, as an operator runs it, seeing exactly `env`."""
    return subprocess.run(
        [sys.executable, "-m", "backend", *args],
        input=stdin,
        env=dict(env),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def listening(log: str, workers: int = 1) -> bool:
    """A server's log says it takes connections: each worker ran its lifespan and the socket is
    bound. A single process binds after its lifespan ("Uvicorn running on" follows "Application
    startup complete": a connection between the two is refused), several workers after the
    parent bound it (the line comes first)."""
    return "Uvicorn running on" in log and log.count("Application startup complete") >= workers


@contextlib.contextmanager
def running(proc: subprocess.Popen[str], workers: int = 1) -> Iterator[None]:
    """A server process whose log is a pipe: reads it until each worker says it has started,
    then goes on reading it in a thread (a pipe nobody reads fills, 64 KiB or a few hundred
    access lines, and stalls the server); stops the server when the block ends. A server that
    does not stop within STOP_SECONDS of SIGTERM fails the test with the end of its log."""
    assert proc.stderr is not None
    tail: collections.deque[str] = collections.deque(maxlen=40)
    said = ""
    for line in proc.stderr:  # wait for the server to say so, not for a clock
        tail.append(line)
        said += line
        if listening(said, workers):
            break
    drain = threading.Thread(target=tail.extend, args=(proc.stderr,), daemon=True)
    drain.start()
    try:
        yield
    finally:
        try:
            stop(proc, lambda: "".join(tail))
        finally:
            drain.join(timeout=10)
            proc.stderr.close()


def stop(proc: subprocess.Popen[str], log_end: Callable[[], str]) -> None:
    """SIGTERM, and the process ended within STOP_SECONDS; else it is killed and the test
    fails with the end of its log."""
    proc.terminate()
    try:
        proc.wait(timeout=STOP_SECONDS)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        raise AssertionError(
            f"the server did not stop within {STOP_SECONDS} s of SIGTERM; its log ended:\n"
            + log_end()
        ) from None


@contextlib.contextmanager
def server_process(env: dict[str, str], log: Path, *args: str) -> Iterator[str]:
    """`python -m backend serve` on a free port (with `args`) until the block ends; yields its
    URL once it has started. Its log goes to `log`: a pipe nobody reads would fill and stall it."""
    port = free_port()
    with log.open("w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "backend", "serve", "--port", str(port), *args],
            env=env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
        try:
            deadline = time.monotonic() + 120
            while not listening(log.read_text(errors="replace")):
                assert proc.poll() is None, log.read_text(errors="replace")
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.05)  # polling the log for the line, not waiting for a clock
            yield f"http://127.0.0.1:{port}"
        finally:
            stop(proc, lambda: log.read_text(errors="replace")[-4000:])
