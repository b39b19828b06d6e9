"""The registry stand-in, served for real on loopback, as the data-source connectors see it."""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from starlette.applications import Starlette
from support import free_port

from backend.devregistry import BadSwitches, Switches, create_registry_app, run
from backend.forms.formats import is_cn_resident_id

REPO = Path(__file__).resolve().parents[2]
CATALOG = REPO / "form_schemas"
RECORDS = CATALOG / "demo" / "registry.json"
TOKEN = "test-registry-token"
WANG, ZHANG = "330106196803120311", "330106195209180229"  # demo-1 (many records), demo-4 (none)


def ask(client: httpx.Client, source: str, who: str, timeout: float = 10) -> httpx.Response:
    """A registry's record of `who`, asked as a GET connector asks: the ID in a header."""
    return client.get(f"/{source}", headers={"X-Id-Number": who}, timeout=timeout)


def load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def residents() -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = load(CATALOG / "demo" / "residents.json")["residents"]
    return found


def datasources() -> list[dict[str, Any]]:
    return [load(p) for p in sorted((CATALOG / "datasources").glob("*.json"))]


def resolve(doc: Any, pointer: str) -> Any:
    for part in pointer.split("/")[1:]:
        part = part.replace("~1", "/").replace("~0", "~")
        if isinstance(doc, dict):
            doc = doc.get(part)
        elif isinstance(doc, list) and part.isdigit() and int(part) < len(doc):
            doc = doc[int(part)]
        else:
            return None
    return doc


def is_record(content: bytes) -> bool:
    try:
        return isinstance(json.loads(content), dict)
    except ValueError:
        return False


class _Server(uvicorn.Server):
    def __init__(self, config: uvicorn.Config) -> None:
        super().__init__(config)
        self.ready = threading.Event()

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets)
        self.ready.set()


@contextmanager
def serving(app: Starlette, token: str | None = TOKEN) -> Iterator[httpx.Client]:
    """The app on a free loopback port, in a thread; a client that sends the token."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = _Server(uvicorn.Config(app, lifespan="off", ws="none", log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    assert server.ready.wait(30), "the registry did not start"
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    base = f"http://127.0.0.1:{sock.getsockname()[1]}"
    try:
        with httpx.Client(base_url=base, headers=headers, timeout=10) as client:
            yield client
    finally:
        server.should_exit = True
        thread.join(30)
        sock.close()


@pytest.fixture
def registry() -> Iterator[httpx.Client]:
    with serving(create_registry_app(RECORDS, TOKEN)) as client:
        yield client


# --- records ----------------------------------------------------------------------------------


def test_the_registry_serves_the_real_estate_record_of_the_seller(registry: httpx.Client) -> None:
    response = ask(registry, "real-estate", WANG)
    assert response.status_code == 200
    house = response.json()["properties"][0]
    assert house["certificate_no"] == "浙（2016）杭州市不动产权第0087654号"
    assert house["address"] == "杭州市西湖区文三路 188 号 2 幢 3 单元 502 室"


def test_a_resident_without_a_record_gets_404_no_record(registry: httpx.Client) -> None:
    for path in ("population", "household", "marriage", "real-estate", "tax", "licenses"):
        response = ask(registry, path, ZHANG)
        assert response.status_code == 404
        assert response.json() == {"error": "no record"}


def test_an_unknown_path_is_not_a_source(registry: httpx.Client) -> None:
    response = ask(registry, "pets", WANG)
    assert response.status_code == 404
    assert response.json() == {"error": "no such source"}


def test_every_datasource_url_finds_exactly_the_records_of_the_registry_file(
    registry: httpx.Client,
) -> None:
    for source in datasources():
        connector = source["connector"]
        for resident in residents():
            url = re.sub(
                r"\$\{ZERORUN_REGISTRY_URL\}", str(registry.base_url).rstrip("/"), connector["url"]
            )
            response = registry.get(url, headers={"X-Id-Number": resident["id_number"]})
            expected = resident["id_number"] in load(RECORDS)["sources"][source["id"]]["records"]
            assert response.status_code == (200 if expected else 404), (
                source["id"],
                resident["id"],
            )
            if not expected:
                continue
            record = response.json()
            assert record["id_number"] == resident["id_number"]
            mapped = {e: resolve(record, p) for e, p in connector["mapping"].items()}
            if "licenses_pointer" not in connector:
                assert any(v is not None for v in mapped.values()), (source["id"], resident["id"])


def test_every_e_license_served_is_complete(registry: httpx.Client) -> None:
    holders = [
        r for r in residents() if ask(registry, "licenses", r['id_number']).status_code == 200
    ]
    assert holders
    for resident in holders:
        licenses = ask(registry, "licenses", resident['id_number']).json()["licenses"]
        assert licenses
        for lic in licenses:
            assert lic["number"] and lic["holder_name"]
            assert lic["issuer"]["zh"] and lic["issuer"]["en"]
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", lic["issued_on"])
            assert lic["valid_until"] is None or lic["valid_until"] > lic["issued_on"]


def test_the_seller_s_certificate_number_is_the_same_in_the_register_and_his_e_license(
    registry: httpx.Client,
) -> None:
    house = ask(registry, "real-estate", WANG).json()["properties"][0]
    licenses = ask(registry, "licenses", WANG).json()["licenses"]
    certificate = next(lic for lic in licenses if lic["type"] == "real_estate_certificate")
    assert certificate["number"] == house["certificate_no"]


def test_every_resident_id_number_in_the_records_has_a_valid_check_character() -> None:
    numbers = set(
        re.findall(r'"(?:id_number|[a-z_]+_id_number)": "([0-9X]{18})"', RECORDS.read_text())
    )
    assert numbers
    assert [n for n in numbers if not is_cn_resident_id(n)] == []


# --- the token ----------------------------------------------------------------------------------


def test_a_request_without_the_token_is_refused_with_401(registry: httpx.Client) -> None:
    url = "/population"
    assert registry.get(url, headers={"Authorization": ""}).status_code == 401
    assert registry.get(url, headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert registry.get("/_control", headers={"Authorization": ""}).status_code == 401
    assert ask(registry, "population", WANG).status_code == 200


def test_healthz_answers_without_the_token(registry: httpx.Client) -> None:
    response = registry.get("/healthz", headers={"Authorization": ""})
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


def test_a_registry_started_without_a_token_is_open() -> None:
    with serving(create_registry_app(RECORDS), token=None) as client:
        assert ask(client, "population", WANG).status_code == 200


# --- the switches -------------------------------------------------------------------------------


def test_control_shows_the_switches_and_changes_only_the_keys_given(
    registry: httpx.Client,
) -> None:
    assert registry.get("/_control").json() == {"delay_ms": 0, "fail": "none", "sources": None}
    changed = registry.post("/_control", json={"fail": "error", "sources": ["tax", "marriage"]})
    assert changed.json() == {"delay_ms": 0, "fail": "error", "sources": ["marriage", "tax"]}
    registry.post("/_control", json={"delay_ms": 5})
    assert registry.get("/_control").json() == {
        "delay_ms": 5,
        "fail": "error",
        "sources": ["marriage", "tax"],
    }
    registry.post("/_control", json={"sources": None})
    assert registry.get("/_control").json()["sources"] is None


def test_control_rejects_unknown_modes_sources_and_keys_and_keeps_the_switches(
    registry: httpx.Client,
) -> None:
    for body in (
        {"fail": "explode"},
        {"sources": ["pets"]},
        {"delay_ms": -1},
        {"delay_ms": "10"},
        {"token": "x"},
        ["error"],
    ):
        response = registry.post("/_control", json=body)
        assert response.status_code == 400, body
        assert response.json()["error"]
    assert registry.post("/_control", content=b"{not json").status_code == 400
    assert registry.get("/_control").json() == {"delay_ms": 0, "fail": "none", "sources": None}


def test_the_error_switch_answers_500(registry: httpx.Client) -> None:
    registry.post("/_control", json={"fail": "error"})
    assert ask(registry, "population", WANG).status_code == 500
    assert ask(registry, "licenses", WANG).status_code == 500


def test_the_garbage_switch_answers_200_with_a_body_that_is_not_a_record(
    registry: httpx.Client,
) -> None:
    registry.post("/_control", json={"fail": "garbage"})
    response = ask(registry, "marriage", WANG)
    assert response.status_code == 200
    assert not is_record(response.content)


def test_the_timeout_switch_leaves_the_caller_without_an_answer(registry: httpx.Client) -> None:
    registry.post("/_control", json={"fail": "timeout"})
    with pytest.raises(httpx.ReadTimeout):
        ask(registry, "household", WANG, timeout=0.5)


def test_the_delay_switch_still_answers_with_the_record(registry: httpx.Client) -> None:
    registry.post("/_control", json={"delay_ms": 50})
    response = ask(registry, "marriage", WANG)
    assert response.status_code == 200
    assert response.json()["spouse"]["name"] == "刘美华"


def test_switches_for_some_sources_leave_the_others_alone(registry: httpx.Client) -> None:
    registry.post("/_control", json={"fail": "error", "sources": ["tax"]})
    assert ask(registry, "tax", WANG).status_code == 500
    assert ask(registry, "real-estate", WANG).status_code == 200
    assert ask(registry, "real-estate", ZHANG).status_code == 404


def test_healthz_and_control_are_not_switched(registry: httpx.Client) -> None:
    registry.post("/_control", json={"fail": "timeout"})
    assert registry.get("/healthz").status_code == 200
    assert registry.get("/_control").json()["fail"] == "timeout"


def test_switches_given_at_start_apply_from_the_first_request() -> None:
    switches = Switches(fail="error", sources=frozenset({"marriage"}))
    with serving(create_registry_app(RECORDS, TOKEN, switches)) as client:
        assert ask(client, "marriage", WANG).status_code == 500
        assert ask(client, "population", WANG).status_code == 200


def test_run_serves_with_the_token_and_switches_of_the_command_line() -> None:
    port = free_port()
    code = f"from backend.devregistry import run; run('127.0.0.1', {port}, 'cli-token', 0, 'error')"
    proc = subprocess.Popen(
        [sys.executable, "-c", code], cwd=REPO, stderr=subprocess.PIPE, text=True
    )
    assert proc.stderr is not None
    for line in proc.stderr:  # wait for uvicorn to say it listens, not for a clock
        if "Uvicorn running on" in line:
            break
    try:
        headers = {"Authorization": "Bearer cli-token"}
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", headers=headers) as client:
            assert client.get("/_control").json() == {
                "delay_ms": 0,
                "fail": "error",
                "sources": None,
            }
            assert ask(client, "population", WANG).status_code == 500
            unsigned = {"Authorization": "", "X-Id-Number": WANG}
            assert client.get("/population", headers=unsigned).status_code == 401
    finally:
        proc.terminate()
        proc.communicate(timeout=30)


def test_run_refuses_an_unknown_failure_mode_before_serving() -> None:
    with pytest.raises(BadSwitches):
        run("127.0.0.1", free_port(), None, 0, "explode")


# --- identity verification (身份核验) ------------------------------------------------------------


def test_identity_verification_matches_a_resident_id_with_its_name(registry: httpx.Client) -> None:
    def match(id_number: str, name: str) -> object:
        answer = registry.post("/identity/verify", json={"id_number": id_number, "name": name})
        assert answer.status_code == 200
        return answer.json()["match"]

    assert match(WANG, "王建国") is True
    assert match(ZHANG, "张秀英") is True  # a demo resident no registry holds records of
    assert match(ZHANG, "张秀芳") is False
    assert match("110101199003070011", "王建国") is False  # nobody the service knows


def test_identity_verification_refuses_a_body_without_both_fields(registry: httpx.Client) -> None:
    assert registry.post("/identity/verify", json={"name": "王建国"}).status_code == 400
    assert registry.post("/identity/verify", content=b"not json").status_code == 400


def test_identity_verification_is_switched_as_source_identity(registry: httpx.Client) -> None:
    registry.post("/_control", json={"fail": "error", "sources": ["identity"]})
    body = {"id_number": WANG, "name": "王建国"}
    assert registry.post("/identity/verify", json=body).status_code == 500
    assert ask(registry, "population", WANG).status_code == 200


def test_a_record_is_asked_with_the_id_in_a_header_or_a_body_never_in_the_url(
    registry: httpx.Client,
) -> None:
    assert ask(registry, "population", WANG).json()["id_number"] == WANG
    posted = registry.post("/population", json={"id_number": WANG})
    assert posted.json()["id_number"] == WANG
    assert registry.post("/population", content=b"{not json").status_code == 404
    assert registry.get(f"/population/{WANG}").status_code == 404, "no route names a citizen"
