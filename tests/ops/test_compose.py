"""compose.yaml, checked without Docker (no engine runs here): every service of our image runs
a command the CLI has, with settings the code reads and accepts, in the right order, with its
data in named volumes, behind a proxy the workers trust and no one else."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml
from dockerfile import stages

from backend.settings import ROOT, Settings

COMPOSE = ROOT / "compose.yaml"
ZERORUN = Path(sys.executable).parent / "zerorun"
APP_WORKERS = ("app1", "app2")


def compose() -> dict[str, Any]:
    document: dict[str, Any] = yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))
    return document


def ours() -> dict[str, dict[str, Any]]:
    """The services that run the ZeroRun image."""
    return {
        name: service
        for name, service in compose()["services"].items()
        if "ZERORUN_IMAGE" in service.get("image", "")
    }


def commands(service: dict[str, Any]) -> list[list[str]]:
    """Each command a service runs (`sh -c "a && b"` is two)."""
    command = service.get("command") or stages()[""].cmd()
    if command[:2] == ["sh", "-c"]:
        return [shlex.split(part) for part in command[2].split("&&")]
    return [command]


def interpolated(value: str) -> str:
    """A value as compose gives it when .env sets only what it must: ${NAME:-default} is its
    default, ${NAME:?message} a stand-in."""
    value = re.sub(r"\$\{\w+:-([^}]*)\}", r"\1", value)
    return re.sub(r"\$\{(\w+):\?[^}]*\}", lambda m: f"stand-in-{m[1].lower()}", value)


def test_every_service_of_our_image_runs_a_command_the_cli_has() -> None:
    for name, service in ours().items():
        for command in commands(service):
            assert command[0] == "zerorun", (name, command)
            # --help is eager: the options before it are checked to exist, nothing runs.
            done = subprocess.run(
                [str(ZERORUN), *command[1:], "--help"], capture_output=True, text=True
            )
            assert done.returncode == 0, (name, command, done.stdout + done.stderr)


def read_settings() -> set[str]:
    """The environment names the code reads, and those the data-source definitions name."""
    code = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "backend").rglob("*.py"))
    sources = "\n".join(
        p.read_text(encoding="utf-8") for p in (ROOT / "form_schemas/datasources").glob("*.json")
    )
    names = re.findall(r'"([A-Z][A-Z0-9_]+)"', code) + re.findall(r"\$\{(\w+)\}", sources)
    return {*names, *re.findall(r'"credentials_env": "(\w+)"', sources)}


def test_every_setting_compose_gives_is_one_the_code_reads_and_accepts() -> None:
    known = read_settings()
    for name, service in ours().items():
        environment = {k: interpolated(str(v)) for k, v in service["environment"].items()}
        for setting in environment:
            assert setting in known, f"{name}: {setting} is read nowhere"
        Settings.from_env(environment)  # raises SettingsError naming each bad value


def test_workers_start_after_the_migrations_on_a_healthy_database() -> None:
    services = ours()
    assert services["migrate"]["depends_on"] == {"postgres": {"condition": "service_healthy"}}
    assert commands(services["migrate"]) == [["zerorun", "migrate"], ["zerorun", "catalog", "load"]]
    for name, service in services.items():
        if name != "migrate":
            assert service["depends_on"]["migrate"] == {
                "condition": "service_completed_successfully"
            }, name
            assert service["depends_on"]["postgres"] == {"condition": "service_healthy"}, name
    assert "pg_isready" in " ".join(compose()["services"]["postgres"]["healthcheck"]["test"])


def test_only_the_dispatcher_sends_and_the_sweep_runs_on_a_schedule() -> None:
    services = ours()
    for name in APP_WORKERS:
        assert services[name]["environment"]["ZERORUN_DISPATCH_IN_WORKERS"] == "0"
    assert commands(services["dispatcher"]) == [["zerorun", "dispatch"]]
    [sweep] = commands(services["sweep"])
    assert sweep[:2] == ["zerorun", "sweep"] and "--every" in sweep


def test_services_that_serve_no_http_do_not_inherit_the_images_health_check() -> None:
    for name, service in ours().items():
        serves = commands(service)[0][:2] == ["zerorun", "serve"]
        assert serves == (name in APP_WORKERS), name
        assert serves != service.get("healthcheck", {}).get("disable", False), name


def test_data_lives_in_named_volumes_mounted_where_the_image_declares_them() -> None:
    document = compose()
    [data] = stages()[""].volumes()
    for name, service in ours().items():
        mounts = dict(volume.split(":")[::-1] for volume in service["volumes"])
        assert mounts[data] in document["volumes"], name
    postgres = document["services"]["postgres"]["volumes"]
    assert any(v.endswith(":/var/lib/postgresql/data") for v in postgres)


def test_the_images_are_real_ones_pinned_to_a_major_version() -> None:
    for name, service in compose()["services"].items():
        if name not in ours():
            image = service["image"]
            assert re.fullmatch(r"(postgres|redis|caddy):\d+", image), (name, image)


def test_the_workers_trust_forwarded_addresses_from_the_proxy_alone() -> None:
    document = compose()
    proxy = document["services"]["proxy"]["networks"]["internal"]["ipv4_address"]
    for name in APP_WORKERS:
        assert ours()[name]["environment"]["ZERORUN_FORWARDED_ALLOW_IPS"] == proxy
    caddyfile = (ROOT / "deploy" / "Caddyfile").read_text(encoding="utf-8")
    assert re.search(r"reverse_proxy app1:8000 app2:8000", caddyfile)
    assert "ports" not in ours()["app1"] and "ports" not in ours()["app2"]
