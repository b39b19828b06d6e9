"""What the Dockerfile promises an operator, read from it: a user of its own, the data in the
declared volume, a health check on the liveness probe, the port it exposes is the one it serves."""

from __future__ import annotations

from dockerfile import stages


def test_the_image_runs_as_a_user_of_its_own() -> None:
    [user] = stages()[""].all("USER")
    assert user.split(":")[0] == "10001"


def test_the_data_folder_is_the_declared_volume() -> None:
    final = stages()[""]
    assert final.volumes() == [final.env()["ZERORUN_DATA_DIR"]]


def test_the_health_check_asks_the_liveness_probe_on_the_port_it_serves() -> None:
    final = stages()[""]
    command = final.cmd()
    port = command[command.index("--port") + 1]
    assert final.all("EXPOSE") == [port]
    assert f"http://127.0.0.1:{port}/healthz" in " ".join(final.healthcheck())
