"""The payment settings: the stand-in's development key is trusted in development only, and it
is the key the stand-in really signs with."""

from __future__ import annotations

import base64

from cryptography.hazmat.primitives import serialization

from backend.devregistry.payments import dev_key
from backend.settings import DEV_PAY_PUBLIC_KEY, Settings

SECRET = "a-secret-key-of-at-least-thirty-two-characters"


def test_the_development_key_is_the_stand_ins_and_trusted_in_development_only() -> None:
    public = (
        dev_key()
        .public_key()
        .public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    )
    development = Settings.from_env({"ZERORUN_ENV": "development", "ZERORUN_SECRET_KEY": SECRET})
    production = Settings.from_env({"ZERORUN_SECRET_KEY": SECRET})

    assert base64.b64encode(public).decode() == DEV_PAY_PUBLIC_KEY
    assert development.pay_public_key == DEV_PAY_PUBLIC_KEY
    assert production.pay_public_key == "" and production.pay_url == ""


def test_payment_settings_are_read_from_the_environment_and_the_token_never_shown() -> None:
    settings = Settings.from_env(
        {
            "ZERORUN_SECRET_KEY": SECRET,
            "ZERORUN_PAY_URL": "https://pay.example",
            "ZERORUN_PAY_MCHID": "1900000109",
            "ZERORUN_PAY_PUBLIC_KEY": DEV_PAY_PUBLIC_KEY,
            "ZERORUN_PAY_NOTIFY_URL": "https://zerorun.example/pay/notify",
            "ZERORUN_PAY_TIMEOUT_SECONDS": "3",
            "ZERORUN_PAY_TOKEN": "merchant-s3cret",
        }
    )
    assert (settings.pay_url, settings.pay_mchid, settings.pay_timeout_seconds) == (
        "https://pay.example",
        "1900000109",
        3.0,
    )
    assert settings.pay_token == "merchant-s3cret" and "merchant-s3cret" not in repr(settings)
