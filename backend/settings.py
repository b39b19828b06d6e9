"""Settings from the environment. Secrets are never logged or printed."""

from __future__ import annotations

import hashlib
import ipaddress
import os
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

P = TypeVar("P", Path, None)
ROOT = Path(__file__).resolve().parent.parent
# Where the embedded database and the uploaded files live unless told otherwise.
DATA_DIR = ROOT / "var"
DEFAULT_DATABASE_URL = f"sqlite://{DATA_DIR / 'zerorun.sqlite3'}"
NOTIFY_ADAPTERS = ("mini_program", "sms")
# The public key of the stand-in payment platform's development key (backend/devregistry/
# payments.py derives the private key from a fixed phrase): trusted in development only.
DEV_PAY_PUBLIC_KEY = "Jd+a7uLO5np3GG/w0spaipDkzdF0rXlw8oZodZvCpfw="
LOG_LEVELS = ("debug", "info", "warning", "error")
LOG_FORMATS = ("json", "console")
DATABASE_SCHEMES = ("sqlite://", "postgres://", "postgresql://", "asyncpg://")
# The form_schemas/ folder: meta-schemas, regions and the catalog the app ships with.
CATALOG_DIR = Path(os.environ.get("ZERORUN_CATALOG") or ROOT / "form_schemas")


@dataclass(frozen=True)
class Settings:
    database_url: str = DEFAULT_DATABASE_URL
    redis_url: str | None = None
    # "development" enables GraphiQL and the development sign-in; anything else is production.
    env: str = "production"
    secret_key: str = field(default="", repr=False)
    # Keys that signed tokens before the current one: still accepted until those tokens expire,
    # so that a key rotates without signing anyone out.
    previous_secret_keys: tuple[str, ...] = field(default=(), repr=False)
    data_dir: Path = DATA_DIR
    # The built web clients, as the image lays them out (configurator/, m/); None: each client's
    # own dist/ folder in the source tree.
    web_dir: Path | None = None
    session_ttl_seconds: int = 12 * 3600
    catalog_dir: Path = CATALOG_DIR
    # A request body (JSON, or an upload's form parts); an upload's file, whatever its material
    # declares (a material that declares nothing accepts 20 MB).
    max_body_bytes: int = 1_000_000
    max_upload_bytes: int = 32 * 1024 * 1024
    max_query_depth: int = 12
    max_aliases: int = 30
    max_tokens: int = 2_000
    # Checked before anything is parsed: a query text's length, JSON nesting in a request.
    max_query_length: int = 32_000
    max_json_depth: int = 64
    rate_limit_per_minute: int = 600
    # Staff sign-in attempts per minute for one username and from one client address.
    staff_sign_ins_per_username: int = 10
    staff_sign_ins_per_address: int = 60
    # Schema introspection and "Did you mean" suggestions; None: on in development only.
    introspection: bool | None = None
    # The fast path (backend/api/fastpath): plain fields read directly, anonymous catalog
    # answers kept and replayed. Off, every answer takes graphql-core's general path.
    fast_path: bool = True
    files_dir: Path = DATA_DIR / "files"
    # Prefix of every shared-cache key: deployments (or test runs) sharing one Redis stay apart.
    cache_prefix: str = "zerorun"
    # The gateway for citizens' notices (mini-program subscription messages, SMS); unset: log them.
    notify_url: str | None = None
    notify_token: str = field(default="", repr=False)
    notify_adapter: str = "mini_program"  # or "sms"
    # How long a worker's claim on an outbox entry holds: a crashed worker's entries wait this
    # long before another worker sends them; a send is cut at half of it.
    outbox_lease_seconds: float = 60.0
    # On SIGTERM the requests in flight get this long to finish, then are cancelled: an open
    # subscription or a client that stalls mid-request cannot hold a stopping worker up until
    # it is killed (an orchestrator usually sends SIGKILL after 30 s).
    shutdown_seconds: int = 20
    log_level: str = "info"
    log_format: str = "json"  # one JSON object a line; "console" for people reading a terminal
    # Whether each app worker runs an outbox dispatcher; off when `zerorun dispatch` runs alone.
    dispatch_in_workers: bool = True
    # Networks (CIDR) besides loopback whose clients may read /metrics; others get a 404.
    metrics_allow: tuple[str, ...] = ()
    # Mini-program sign-in: each platform is on when its app id is set; the unified identity
    # service answers which verified person an account belongs to.
    wechat_appid: str = ""
    wechat_secret: str = field(default="", repr=False)
    wechat_url: str = "https://api.weixin.qq.com"
    alipay_appid: str = ""
    alipay_url: str = "https://openapi.alipay.com"
    identity_url: str = ""
    # The address citizens and third parties reach this deployment at: sealed documents' QR
    # codes open <public_url>/verify (docs/operations.md, 电子印章).
    public_url: str = "http://localhost:8000"
    identity_token: str = field(default="", repr=False)
    # The payment platform (WeChat Pay / Alipay shaped, docs/adr/0015-payment-adapter.md): off
    # while pay_url is unset. Notices are verified with the platform's Ed25519 public key
    # (base64 of its 32 bytes); pay_notify_url is this app's /pay/notify as the platform sees it.
    pay_url: str = ""
    pay_mchid: str = "zerorun"
    pay_token: str = field(default="", repr=False)
    pay_public_key: str = ""
    pay_notify_url: str = ""
    pay_timeout_seconds: float = 5.0
    # Departments' own systems (数据交换, docs/adr/0018-department-hand-off.md): the HMAC secret
    # of each key id an endpoint names, from ZERORUN_EXCHANGE_KEY_<KEY ID> (exchange_env_name);
    # each delivery attempt is cut after exchange_timeout_seconds and a delivery is given up
    # (dead, alerted) after exchange_max_attempts; the wait before the second attempt is
    # exchange_backoff_seconds, doubling (with jitter) up to an hour.
    exchange_keys: tuple[tuple[str, str], ...] = field(default=(), repr=False)
    exchange_timeout_seconds: float = 5.0
    exchange_max_attempts: int = 10
    exchange_backoff_seconds: float = 5.0

    def exchange_secret(self, key_id: str) -> str | None:
        """The secret of `key_id`: from the environment; in development, when unset, the
        development secret the stand-in department system knows too."""
        secret = dict(self.exchange_keys).get(exchange_env_name(key_id))
        return secret or (dev_exchange_secret(key_id) if self.development else None)

    @property
    def development(self) -> bool:
        return self.env == "development"

    def web_client(self, name: str, source: str) -> Path:
        """Where the built web client `name` (its URL path) is: under web_dir in the image,
        else in the source tree's `source`/dist."""
        return self.web_dir / name if self.web_dir else ROOT / source / "dist"

    @property
    def calendar_folders(self) -> tuple[Path, Path]:
        """The catalog's calendar files, then the operator's (a year published after the
        catalog was built, dropped on the data volume)."""
        return self.catalog_dir / "calendar", self.data_dir / "calendar"

    @property
    def schema_visible(self) -> bool:
        """Whether clients may introspect the schema and read suggestions of names in it."""
        return self.development if self.introspection is None else self.introspection

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """The settings the environment names; every bad value at once as SettingsError."""
        env = _Reader(os.environ if environ is None else environ)
        mode = env.text("ZERORUN_ENV", "production")
        data_dir = env.path("ZERORUN_DATA_DIR", DATA_DIR)
        secret = env.text("ZERORUN_SECRET_KEY", "")
        if not secret and mode == "development":
            secret = _development_secret(data_dir)
        settings = cls(
            database_url=env.text("DATABASE_URL", f"sqlite://{data_dir / 'zerorun.sqlite3'}"),
            redis_url=env.text("REDIS_URL", "") or None,
            env=mode,
            secret_key=secret,
            previous_secret_keys=tuple(
                k.strip()
                for k in env.text("ZERORUN_PREVIOUS_SECRET_KEYS", "").split(",")
                if k.strip()
            ),
            data_dir=data_dir,
            web_dir=env.path("ZERORUN_WEB_DIR", None),
            catalog_dir=env.path("ZERORUN_CATALOG", CATALOG_DIR),
            rate_limit_per_minute=env.whole("ZERORUN_RATE_LIMIT_PER_MINUTE", 600),
            staff_sign_ins_per_username=env.whole("ZERORUN_STAFF_SIGN_INS_PER_USERNAME", 10),
            staff_sign_ins_per_address=env.whole("ZERORUN_STAFF_SIGN_INS_PER_ADDRESS", 60),
            max_body_bytes=env.whole("ZERORUN_MAX_BODY_BYTES", cls.max_body_bytes),
            max_upload_bytes=env.whole("ZERORUN_MAX_UPLOAD_BYTES", cls.max_upload_bytes),
            introspection=env.switch("ZERORUN_INTROSPECTION"),
            fast_path=env.switch("ZERORUN_FAST_PATH") is not False,
            files_dir=env.path("ZERORUN_FILES_DIR", data_dir / "files"),
            cache_prefix=env.text("ZERORUN_CACHE_PREFIX", "zerorun"),
            notify_url=env.text("ZERORUN_NOTIFY_URL", "") or None,
            notify_token=env.text("ZERORUN_NOTIFY_TOKEN", ""),
            notify_adapter=env.choice("ZERORUN_NOTIFY_ADAPTER", "mini_program", NOTIFY_ADAPTERS),
            outbox_lease_seconds=env.seconds("ZERORUN_OUTBOX_LEASE_SECONDS", 60.0),
            shutdown_seconds=env.whole("ZERORUN_SHUTDOWN_SECONDS", 20),
            log_level=env.choice("ZERORUN_LOG_LEVEL", "info", LOG_LEVELS),
            log_format=env.choice(
                "ZERORUN_LOG_FORMAT", "console" if mode == "development" else "json", LOG_FORMATS
            ),
            dispatch_in_workers=env.switch("ZERORUN_DISPATCH_IN_WORKERS") is not False,
            metrics_allow=env.networks("ZERORUN_METRICS_ALLOW"),
            wechat_appid=env.text("ZERORUN_WECHAT_APPID", ""),
            wechat_secret=env.text("ZERORUN_WECHAT_SECRET", ""),
            wechat_url=env.text("ZERORUN_WECHAT_URL", "") or cls.wechat_url,
            alipay_appid=env.text("ZERORUN_ALIPAY_APPID", ""),
            alipay_url=env.text("ZERORUN_ALIPAY_URL", "") or cls.alipay_url,
            identity_url=env.text("ZERORUN_IDENTITY_URL", ""),
            public_url=env.text("ZERORUN_PUBLIC_URL", "") or cls.public_url,
            identity_token=env.text("ZERORUN_IDENTITY_TOKEN", ""),
            pay_url=env.text("ZERORUN_PAY_URL", ""),
            pay_mchid=env.text("ZERORUN_PAY_MCHID", cls.pay_mchid),
            pay_token=env.text("ZERORUN_PAY_TOKEN", ""),
            pay_public_key=env.text("ZERORUN_PAY_PUBLIC_KEY", "")
            or (DEV_PAY_PUBLIC_KEY if mode == "development" else ""),
            pay_notify_url=env.text("ZERORUN_PAY_NOTIFY_URL", ""),
            pay_timeout_seconds=env.seconds("ZERORUN_PAY_TIMEOUT_SECONDS", 5.0),
            exchange_keys=tuple(
                sorted((k, v) for k, v in env.environ.items() if k.startswith(EXCHANGE_KEY_PREFIX))
            ),
            exchange_timeout_seconds=env.seconds("ZERORUN_EXCHANGE_TIMEOUT_SECONDS", 5.0),
            exchange_max_attempts=env.whole("ZERORUN_EXCHANGE_MAX_ATTEMPTS", 10),
            exchange_backoff_seconds=env.seconds("ZERORUN_EXCHANGE_BACKOFF_SECONDS", 5.0),
        )
        if not settings.database_url.startswith(DATABASE_SCHEMES):
            env.problems.append(
                "DATABASE_URL: must start with sqlite:// or postgres:// "
                "(e.g. postgres://user:password@host:5432/zerorun)"
            )
        if settings.redis_url and not settings.redis_url.startswith(
            ("redis://", "rediss://", "unix://")
        ):
            env.problems.append("REDIS_URL: must start with redis://, rediss:// or unix://")
        if env.problems:
            raise SettingsError(env.problems)
        return settings


EXCHANGE_KEY_PREFIX = "ZERORUN_EXCHANGE_KEY_"


def exchange_env_name(key_id: str) -> str:
    """The variable holding a key id's secret: `fgj-2026` is ZERORUN_EXCHANGE_KEY_FGJ_2026."""
    return EXCHANGE_KEY_PREFIX + re.sub(r"[^A-Z0-9]", "_", key_id.upper())


def dev_exchange_secret(key_id: str) -> str:
    """Development only: a key id's secret derived from a fixed phrase, which the stand-in
    department system (backend/devregistry/department.py) derives too."""
    return hashlib.sha256(f"zerorun-dev-exchange:{key_id}".encode()).hexdigest()


class SettingsError(ValueError):
    """Settings the environment gives that cannot be used: one line per setting, naming it."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


class _Reader:
    """Reads settings from an environment, collecting a problem per bad value (and giving the
    default meanwhile, so that every problem is found in one pass)."""

    def __init__(self, environ: Mapping[str, str]) -> None:
        self.environ = environ
        self.problems: list[str] = []

    def text(self, name: str, default: str) -> str:
        return self.environ.get(name) or default

    def path(self, name: str, default: P) -> Path | P:
        value = self.environ.get(name)
        return Path(value) if value else default

    def switch(self, name: str) -> bool | None:
        value = self.environ.get(name, "").strip().lower()
        if not value:
            return None
        if value in ("1", "true", "yes", "on"):
            return True
        if value in ("0", "false", "no", "off"):
            return False
        self.problems.append(f"{name}: {value!r} is not on or off (use 1 or 0)")
        return None

    def networks(self, name: str) -> tuple[str, ...]:
        """Comma-separated networks in CIDR notation (an address alone is a network of one)."""
        found = []
        for part in self.environ.get(name, "").split(","):
            try:
                found.append(str(ipaddress.ip_network(part.strip(), strict=False)))
            except ValueError:
                if part.strip():
                    self.problems.append(f"{name}: {part.strip()!r} is not a network (10.0.0.0/8)")
        return tuple(found)

    def whole(self, name: str, default: int) -> int:
        value = self.environ.get(name, "").strip()
        if not value:
            return default
        if not value.isdigit() or int(value) < 1:
            self.problems.append(f"{name}: {value!r} is not a whole number of at least 1")
            return default
        return int(value)

    def seconds(self, name: str, default: float) -> float:
        value = self.environ.get(name, "").strip()
        if not value:
            return default
        try:
            seconds = float(value)
        except ValueError:
            seconds = -1.0
        if not 0 < seconds < 86_400:
            self.problems.append(
                f"{name}: {value!r} is not a number of seconds between 0 and 86400"
            )
            return default
        return seconds

    def choice(self, name: str, default: str, allowed: tuple[str, ...]) -> str:
        value = self.environ.get(name, "").strip() or default
        if value not in allowed:
            self.problems.append(f"{name}: {value!r} is not one of {', '.join(allowed)}")
            return default
        return value


def _development_secret(data_dir: Path) -> str:
    """One secret for every worker of a development server, kept in its data folder."""
    path = data_dir / "development-secret"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(48), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()
