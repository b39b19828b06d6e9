"""A redis-server of the test's own: started on a free loopback port in a folder of its own (no
snapshots, no append-only file), killed with SIGKILL as a crash would, and started again on the
same port. `scripts/test` installs Debian's redis-server when the binary is missing."""

from __future__ import annotations

import signal
import subprocess
import time
from pathlib import Path

import redis
from support import free_port

REDIS_SERVER = Path("/usr/bin/redis-server")
START_SECONDS = 10.0


class PrivateRedis:
    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def client(self) -> redis.Redis:
        """A plain client, to look at the server as an operator would (PUBSUB NUMSUB …)."""
        return redis.Redis(port=self.port, socket_timeout=5)

    def start(self) -> None:
        """Start the server and return once it answers PING."""
        assert self.process is None, "already running"
        self.directory.mkdir(parents=True, exist_ok=True)
        options = {
            "port": str(self.port),
            "bind": "127.0.0.1",
            "save": "",
            "appendonly": "no",
            "dir": str(self.directory),
            "logfile": str(self.directory / "redis.log"),
        }
        command = [str(REDIS_SERVER)]
        for name, value in options.items():
            command += [f"--{name}", value]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
        deadline = time.monotonic() + START_SECONDS
        with self.client() as probe:
            while True:
                try:
                    probe.ping()
                    return
                except redis.ConnectionError:
                    if self.process.poll() is not None or time.monotonic() > deadline:
                        log = (self.directory / "redis.log").read_text(errors="replace")
                        raise RuntimeError(f"redis-server did not start:\n{log}") from None
                    time.sleep(0.02)

    def kill(self) -> None:
        """SIGKILL, as a crash or an out-of-memory kill would: nothing is closed politely."""
        assert self.process is not None, "not running"
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)
        self.process = None

    def stop(self) -> None:
        if self.process is not None:
            self.kill()
