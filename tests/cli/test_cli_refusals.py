"""The command line refuses nonsense: a missing catalog path, a bad setting, pending migrations —
each a line naming what is wrong and a non-zero exit, never a traceback or "0 matters"."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from support import BACKENDS, POSTGRES_URL, RUN, admin_sql, with_database
from support import zerorun as cli

from backend.settings import ROOT, Settings, SettingsError


def zerorun(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    """The real command, as an operator runs it, without this machine's ZeroRun settings."""
    environ = {k: v for k, v in os.environ.items() if not k.startswith("ZERORUN_")}
    environ.pop("DATABASE_URL", None)
    done = cli(*args, env={**environ, **(env or {})})
    return done.returncode, done.stdout, done.stderr


@pytest.mark.parametrize("command", ["load", "lint"])
def test_a_catalog_path_that_does_not_exist_is_refused_in_one_line(
    command: str, tmp_path: Path
) -> None:
    missing = tmp_path / "no" / "such" / "folder"

    code, out, err = zerorun("catalog", command, str(missing), env=sqlite_in(tmp_path))

    assert code == 1
    assert (
        err.strip()
        == f"{missing}: does not exist: give the folder that holds matters/ and life_events/"
    )
    assert "0 matters" not in out + err


def test_a_file_or_a_folder_without_matters_is_not_a_catalog(tmp_path: Path) -> None:
    a_file = tmp_path / "matters.json"
    a_file.write_text("{}", encoding="utf-8")

    file_code, _, file_err = zerorun("catalog", "lint", str(a_file))
    folder_code, _, folder_err = zerorun("catalog", "lint", str(tmp_path))

    assert (file_code, file_err.strip()) == (
        1,
        f"{a_file}: is a file, not a catalog folder: give the folder that holds matters/ and life_events/",
    )
    assert folder_code == 1
    assert folder_err.startswith(
        f"{tmp_path}: is not a catalog folder (it holds no matters/ folder)"
    )


def test_catalog_load_without_a_path_publishes_the_folder_zerorun_catalog_names(
    tmp_path: Path,
) -> None:
    catalog = tmp_path / "county-catalog"
    shutil.copytree(ROOT / "form_schemas", catalog)
    env = {**sqlite_in(tmp_path), "ZERORUN_CATALOG": str(catalog)}
    assert zerorun("migrate", env=env)[0] == 0

    empty_code, _, empty_err = zerorun(
        "catalog", "load", env={**env, "ZERORUN_CATALOG": str(tmp_path)}
    )
    code, _, err = zerorun("catalog", "load", env=env)

    assert (empty_code, empty_err.split(":")[0]) == (1, str(tmp_path))  # it read ZERORUN_CATALOG
    assert code == 0 and "Loaded:" in err


def test_bad_settings_are_each_named_on_a_line_of_their_own_without_a_traceback(
    tmp_path: Path,
) -> None:
    env = {
        **sqlite_in(tmp_path),
        "ZERORUN_RATE_LIMIT_PER_MINUTE": "six hundred",
        "ZERORUN_LOG_LEVEL": "loud",
        "ZERORUN_FAST_PATH": "maybe",
        "REDIS_URL": "localhost:6379",
    }

    code, out, err = zerorun("serve", "--port", "1", env=env)

    assert code == 2
    assert "Traceback" not in out + err
    assert err.splitlines() == [
        "setting ZERORUN_RATE_LIMIT_PER_MINUTE: 'six hundred' is not a whole number of at least 1",
        "setting ZERORUN_FAST_PATH: 'maybe' is not on or off (use 1 or 0)",
        "setting ZERORUN_LOG_LEVEL: 'loud' is not one of debug, info, warning, error",
        "setting REDIS_URL: must start with redis://, rediss:// or unix://",
        "Fix the settings above (environment variables) and run the command again.",
    ]


def test_settings_from_the_environment_collect_every_problem_and_take_good_values() -> None:
    good = Settings.from_env(
        {
            "ZERORUN_DATA_DIR": "/srv/zerorun",
            "ZERORUN_OUTBOX_LEASE_SECONDS": "30",
            "ZERORUN_LOG_FORMAT": "console",
        }
    )
    with pytest.raises(SettingsError) as refused:
        Settings.from_env(
            {
                "DATABASE_URL": "mysql://db/zerorun",
                "ZERORUN_OUTBOX_LEASE_SECONDS": "-1",
                "ZERORUN_MAX_BODY_BYTES": "0",
            }
        )

    assert good.database_url == "sqlite:///srv/zerorun/zerorun.sqlite3"
    assert good.files_dir == Path("/srv/zerorun/files")
    assert (good.outbox_lease_seconds, good.log_format) == (30.0, "console")
    assert [p.split(":")[0] for p in refused.value.problems] == [
        "ZERORUN_MAX_BODY_BYTES",
        "ZERORUN_OUTBOX_LEASE_SECONDS",
        "DATABASE_URL",
    ]


def test_version_is_printed() -> None:
    code, out, _ = zerorun("--version")

    assert (code, out.split()[0]) == (0, "zerorun")


@pytest.mark.parametrize("backend", BACKENDS)
async def test_migrate_check_exits_1_while_migrations_are_pending_and_0_after(
    backend: str, tmp_path: Path
) -> None:
    if backend == "sqlite":
        env = sqlite_in(tmp_path)
    else:
        name = f"zerorun_cli_{RUN}"
        await admin_sql(f'DROP DATABASE IF EXISTS "{name}"')
        await admin_sql(f'CREATE DATABASE "{name}"')
        env = {"DATABASE_URL": with_database(POSTGRES_URL, name)}
    try:
        before, listed, said = zerorun("migrate", "--check", env=env)
        migrated = zerorun("migrate", env=env)[0]
        after = zerorun("migrate", "--check", env=env)[0]
    finally:
        if backend != "sqlite":
            await admin_sql(f'DROP DATABASE IF EXISTS "{name}"')

    assert before == 1
    assert listed.splitlines()[0] == "pending models.0001_initial"
    assert "run `zerorun migrate`" in said
    assert (migrated, after) == (0, 0)


def sqlite_in(folder: Path) -> dict[str, str]:
    return {
        "DATABASE_URL": f"sqlite://{folder / 'zerorun.sqlite3'}",
        "ZERORUN_DATA_DIR": str(folder),
    }


def test_a_bad_national_year_in_the_data_folder_stops_the_sweep_with_file_and_pointer(
    tmp_path: Path,
) -> None:
    national = tmp_path / "data" / "calendar" / "national"
    national.mkdir(parents=True)
    year = national / "2027.json"
    year.write_text('{"year": 2027, "holidays": [], "workdays": []}', encoding="utf-8")
    env = {**sqlite_in(tmp_path), "ZERORUN_DATA_DIR": str(tmp_path / "data")}

    code, out, err = zerorun("sweep", env=env)

    assert code == 1
    assert "Traceback" not in out + err
    assert err.splitlines()[0] == f"{year}:/: error: 'source' is a required property"


def test_serve_without_a_secret_in_production_is_one_line_and_exit_2(tmp_path: Path) -> None:
    code, out, err = zerorun("serve", "--port", "1", env=sqlite_in(tmp_path))

    assert code == 2
    assert "Traceback" not in out + err
    assert err.startswith("setting ZERORUN_SECRET_KEY is not set")
