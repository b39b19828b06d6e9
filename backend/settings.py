"""Settings from the environment. Secrets are never logged or printed."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = f"sqlite://{ROOT / 'var' / 'zerorun.sqlite3'}"
# The form_schemas/ folder: meta-schemas, regions and the catalog the app ships with.
CATALOG_DIR = Path(os.environ.get("ZERORUN_CATALOG") or ROOT / "form_schemas")


@dataclass(frozen=True)
class Settings:
    database_url: str = DEFAULT_DATABASE_URL
    redis_url: str | None = None
    # "development" enables GraphiQL and the development sign-in; anything else is production.
    env: str = "production"
    secret_key: str = field(default="", repr=False)
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
    files_dir: Path = ROOT / "var" / "files"
    # Prefix of every shared-cache key: deployments (or test runs) sharing one Redis stay apart.
    cache_prefix: str = "zerorun"
    # The gateway for citizens' notices (mini-program subscription messages, SMS); unset: log them.
    notify_url: str | None = None
    notify_token: str = field(default="", repr=False)
    notify_adapter: str = "mini_program"  # or "sms"
    # How long a worker's claim on an outbox entry holds: a crashed worker's entries wait this
    # long before another worker sends them; a send is cut at half of it.
    outbox_lease_seconds: float = 60.0
    # Mini-program sign-in: each platform is on when its app id is set; the unified identity
    # service answers which verified person an account belongs to.
    wechat_appid: str = ""
    wechat_secret: str = field(default="", repr=False)
    wechat_url: str = "https://api.weixin.qq.com"
    alipay_appid: str = ""
    alipay_url: str = "https://openapi.alipay.com"
    identity_url: str = ""
    identity_token: str = field(default="", repr=False)

    @property
    def development(self) -> bool:
        return self.env == "development"

    @property
    def schema_visible(self) -> bool:
        """Whether clients may introspect the schema and read suggestions of names in it."""
        return self.development if self.introspection is None else self.introspection

    @classmethod
    def from_env(cls) -> Settings:
        env = os.environ.get("ZERORUN_ENV", "production")
        secret = os.environ.get("ZERORUN_SECRET_KEY", "")
        if not secret and env == "development":
            secret = _development_secret()
        return cls(
            database_url=os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL,
            redis_url=os.environ.get("REDIS_URL") or None,
            env=env,
            secret_key=secret,
            rate_limit_per_minute=int(os.environ.get("ZERORUN_RATE_LIMIT_PER_MINUTE", "600")),
            staff_sign_ins_per_username=int(
                os.environ.get("ZERORUN_STAFF_SIGN_INS_PER_USERNAME", "10")
            ),
            staff_sign_ins_per_address=int(
                os.environ.get("ZERORUN_STAFF_SIGN_INS_PER_ADDRESS", "60")
            ),
            max_body_bytes=int(os.environ.get("ZERORUN_MAX_BODY_BYTES") or cls.max_body_bytes),
            max_upload_bytes=int(
                os.environ.get("ZERORUN_MAX_UPLOAD_BYTES") or cls.max_upload_bytes
            ),
            introspection=_switch(os.environ.get("ZERORUN_INTROSPECTION")),
            fast_path=_switch(os.environ.get("ZERORUN_FAST_PATH")) is not False,
            files_dir=Path(os.environ.get("ZERORUN_FILES_DIR") or ROOT / "var" / "files"),
            cache_prefix=os.environ.get("ZERORUN_CACHE_PREFIX", "zerorun"),
            notify_url=os.environ.get("ZERORUN_NOTIFY_URL") or None,
            notify_token=os.environ.get("ZERORUN_NOTIFY_TOKEN", ""),
            notify_adapter=os.environ.get("ZERORUN_NOTIFY_ADAPTER", "mini_program"),
            outbox_lease_seconds=float(os.environ.get("ZERORUN_OUTBOX_LEASE_SECONDS", "60")),
            wechat_appid=os.environ.get("ZERORUN_WECHAT_APPID", ""),
            wechat_secret=os.environ.get("ZERORUN_WECHAT_SECRET", ""),
            wechat_url=os.environ.get("ZERORUN_WECHAT_URL") or cls.wechat_url,
            alipay_appid=os.environ.get("ZERORUN_ALIPAY_APPID", ""),
            alipay_url=os.environ.get("ZERORUN_ALIPAY_URL") or cls.alipay_url,
            identity_url=os.environ.get("ZERORUN_IDENTITY_URL", ""),
            identity_token=os.environ.get("ZERORUN_IDENTITY_TOKEN", ""),
        )


def _switch(value: str | None) -> bool | None:
    """An on/off setting: 1/true/yes/on or 0/false/no/off; unset or empty: None."""
    if not value:
        return None
    return value.strip().lower() in ("1", "true", "yes", "on")


def _development_secret() -> str:
    """One secret for every worker of a development server, kept under var/."""
    path = ROOT / "var" / "development-secret"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(48), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()
