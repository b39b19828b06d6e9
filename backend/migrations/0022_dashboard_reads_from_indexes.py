"""The supervisor's dashboard reads a province's year from indexes alone (issue 17: under a
second). On PostgreSQL the summary's two indexes carry every figure (INCLUDE), so a period's
matter rows and a region's days are index-only scans instead of reads of rows the sweep wrote
scattered over the table (the rolling year's days took 170 ms of heap reads); the matters'
names and departments are read from an index beside the primary key, not from the table with
its search text (41 MB for the province); the same names, so the model's indexes stay the
ones declared. On both databases the overdue work (pending, flagged) has partial indexes: by
region for its count, by deadline for its oldest, each without reading a task."""

from typing import Any

from tortoise import migrations
from tortoise.migrations import operations as ops

FIGURES = (
    "received, completed, zero_run, one_run, on_time, timed, unsettled, done, rated, score_sum, bad"
)
OVERDUE = "status = 'pending' AND overdue_flagged_at IS NOT NULL"
BOTH = [
    f"CREATE INDEX review_task_overdue_by_region ON review_task (region_code) WHERE {OVERDUE}",
    "CREATE INDEX review_task_overdue_by_due ON review_task (due_on, id) INCLUDE (region_code)"
    f" WHERE {OVERDUE}",
]
POSTGRES = [
    "DROP INDEX idx_supervision_grain_f761aa",
    "CREATE INDEX idx_supervision_grain_f761aa ON supervision_day (grain, day, region_code)"
    f" INCLUDE (matter_id, {FIGURES})",
    "DROP INDEX idx_supervision_matter__fa20dc",
    "CREATE INDEX idx_supervision_matter__fa20dc ON supervision_day (matter_id, day)"
    f" INCLUDE (grain, region_code, {FIGURES})",
    "CREATE INDEX matter_names ON matter (id)"
    " INCLUDE (code, name_zh, name_en, department_code, department_name)",
]


async def create(apps: Any, schema_editor: Any) -> None:
    client = schema_editor.client
    postgres = client.capabilities.dialect == "postgres"
    for statement in BOTH + (POSTGRES if postgres else []):
        if not postgres:  # SQLite has no INCLUDE: the column is a key's last instead
            statement = statement.replace("id) INCLUDE (region_code)", "id, region_code)")
        await client.execute_script(statement)


async def drop(apps: Any, schema_editor: Any) -> None:
    client = schema_editor.client
    names = ["review_task_overdue_by_region", "review_task_overdue_by_due"]
    if client.capabilities.dialect == "postgres":
        names.append("matter_names")
        await client.execute_script(
            "DROP INDEX idx_supervision_grain_f761aa;"
            " CREATE INDEX idx_supervision_grain_f761aa ON supervision_day (grain, day, region_code);"
            " DROP INDEX idx_supervision_matter__fa20dc;"
            " CREATE INDEX idx_supervision_matter__fa20dc ON supervision_day (matter_id, day)"
        )
    for name in names:
        await client.execute_script(f"DROP INDEX {name}")


class Migration(migrations.Migration):
    dependencies = [("models", "0021_rating_follow_up_loop")]

    initial = False

    operations = [ops.RunPython(create, drop)]
