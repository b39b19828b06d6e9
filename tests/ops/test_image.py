"""The image, replayed without Docker (no engine runs here): the Python stage's own COPY and RUN
lines (scripts/install-app: the lock with its hashes, then the project without dependencies)
in a clean virtual environment, the final stage's layout and ENV in a temporary folder, then
its commands from a folder outside the checkout. The web clients are those scripts/setup-web
built (the test command runs it before pytest), as the image's Node stage builds them."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import httpx
from dockerfile import Stage, copy_arguments, stages
from support import free_port

from backend.settings import ROOT

MATTER = "330106-ZJ-002"  # a matter of the demo catalog the image ships
QUERY = f'{{ matter(code: "{MATTER}") {{ code }} }}'
CLIENTS = {"configurator": "configurator", "m": "mini_program_stub"}  # URL path: source folder


def relocate(text: str, places: dict[str, Path]) -> str:
    """`text` with each image path (/opt/venv, /app, ...) moved to the test's folder for it."""
    for image_path, local in places.items():
        text = re.sub(rf"(?<![\w/.]){re.escape(image_path)}(?=/|\s|$|:)", str(local), text)
    return text


def copy(source: Path, destination: Path) -> None:
    destination.parent.mkdir(parents=True, exist_ok=True)
    if source.is_dir():
        ignored = shutil.ignore_patterns("__pycache__", "node_modules", "*.egg-info")
        shutil.copytree(source, destination, ignore=ignored, dirs_exist_ok=True)
    else:
        shutil.copy2(source, destination)


def replay_build(stage: Stage, places: dict[str, Path]) -> None:
    """Run a stage's COPY (from the checkout) and RUN lines as its Dockerfile writes them (its
    ENV is left out: the image turns pip's cache off, the test keeps it)."""
    workdir = Path(relocate(stage.workdir, places))
    workdir.mkdir(parents=True)
    # The interpreter the suite runs on stands in for the image's python3 (both 3.11+).
    env = {**os.environ, "PYTHON": str(Path(sys.base_prefix) / "bin" / "python3")}
    env.pop("VIRTUAL_ENV", None)
    for keyword, arguments in stage.instructions:
        if keyword == "COPY":
            for _, source, destination in copy_arguments(arguments):
                target = workdir / destination
                copy(
                    ROOT / source,
                    target / Path(source).name if destination.endswith("/") else target,
                )
        elif keyword == "RUN":
            done = subprocess.run(
                ["bash", "-c", relocate(arguments, places)],
                cwd=workdir, env=env, capture_output=True, text=True,
            )  # fmt: skip
            assert done.returncode == 0, f"RUN {arguments}\n{done.stdout}{done.stderr}"


def lay_out_final(final: Stage, all_stages: dict[str, Stage], places: dict[str, Path]) -> None:
    """The final stage's COPY lines: from the build context, from the Python stage (already in
    place) and from the web stage (whose workdir is the checkout, where setup-web built)."""
    for stage, source, destination in final.copies():
        target = Path(relocate(destination, places))
        if stage == "web":
            built = ROOT / Path(source).relative_to(all_stages["web"].workdir)
            assert (built / "index.html").exists(), f"{built}: run scripts/setup-web first"
            copy(built, target)
        elif stage:
            assert Path(relocate(source, places)) == target and target.exists(), source
        else:
            copy(ROOT / source, target)


def image_environment(final: Stage, places: dict[str, Path], home: Path) -> dict[str, str]:
    """Only what a container would have: the Dockerfile's ENV (moved to the test's folders), a
    home, and the one secret an operator must give."""
    env = {"PATH": os.environ["PATH"], "HOME": str(home), "LANG": "C.UTF-8"}
    for name, value in final.env().items():
        env[name] = re.sub(r"\$(\w+)", lambda m: env.get(m[1], ""), relocate(value, places))
    env["ZERORUN_SECRET_KEY"] = "image-test-secret-key-of-at-least-48-characters-long"
    return env


def zerorun(venv: Path, env: dict[str, str], cwd: Path, *args: str) -> None:
    done = subprocess.run(
        [str(venv / "bin" / "zerorun"), *args], env=env, cwd=cwd, capture_output=True, text=True
    )
    assert done.returncode == 0, f"zerorun {' '.join(args)}\n{done.stdout}{done.stderr}"


def assets(html: str, base: str) -> list[str]:
    return re.findall(rf'(?:src|href)="({re.escape(base)}assets/[^"]+)"', html)


def test_the_images_install_steps_give_a_server_of_both_clients_with_its_data_in_the_volume(
    tmp_path: Path,
) -> None:
    # Given the image's stages replayed into folders of the test's own
    all_stages = stages()
    python, final = all_stages["python"], all_stages[""]
    places = {
        "/opt/venv": tmp_path / "venv",
        python.workdir: tmp_path / "src",
        "/app": tmp_path / "app",
        "/data": tmp_path / "data",
    }
    replay_build(python, places)
    lay_out_final(final, all_stages, places)
    [volume] = final.volumes()
    data = Path(relocate(volume, places))
    data.mkdir()
    home = tmp_path / "home"
    home.mkdir()
    env = image_environment(final, places, home)
    venv, workdir = places["/opt/venv"], Path(relocate(final.workdir, places))

    # When the operator migrates, loads the catalog and serves, as the image's CMD does
    zerorun(venv, env, workdir, "migrate")
    zerorun(venv, env, workdir, "catalog", "load")
    port = str(free_port())
    command = [relocate(word, places) for word in final.cmd()]
    command[command.index("--port") + 1] = port
    health = [w.replace(":8000/", f":{port}/") for w in final.healthcheck()]
    log = tmp_path / "serve.log"
    with log.open("w") as out:
        server = subprocess.Popen(
            command, env=env, cwd=workdir, stdout=out, stderr=subprocess.STDOUT
        )
        try:
            # the image's own HEALTHCHECK says when it is up
            deadline = time.monotonic() + 60
            while subprocess.run(health, env=env, capture_output=True).returncode != 0:
                assert server.poll() is None, log.read_text(errors="replace")
                assert time.monotonic() < deadline, log.read_text(errors="replace")
                time.sleep(0.2)  # polling for the server, not waiting on a clock
            base = f"http://127.0.0.1:{port}"
            with httpx.Client(base_url=base, timeout=10) as http:
                # Then both clients are served with their assets
                for path in CLIENTS:
                    page = http.get(f"/{path}/")
                    assert page.status_code == 200, (path, page.text)
                    assert page.headers["content-type"].startswith("text/html")
                    files = assets(page.text, f"/{path}/")
                    assert files, page.text
                    for asset in files:
                        assert http.get(asset).status_code == 200, asset
                # and the probes and the API answer
                assert http.get("/healthz").status_code == 200
                ready = http.get("/readyz")
                assert ready.status_code == 200 and ready.json()["database"] == "ok"
                answer = http.post("/graphql", json={"query": QUERY})
                assert answer.json() == {"data": {"matter": {"code": MATTER}}}, answer.text
        finally:
            server.terminate()
            server.wait(timeout=30)

    # And the database is in the data volume, nothing was written beside the installed code
    assert (data / "zerorun.sqlite3").is_file()
    assert not list(venv.glob("lib/python*/site-packages/var"))
