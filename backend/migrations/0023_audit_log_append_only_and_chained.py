"""The audit log becomes append-only in the database and a hash chain (issue 20,
docs/adr/0020-audit-log-append-only-and-chained.md).

audit_entry gains request_id, prev_hash and hash; audit_chain holds the chain's head. The
entries already written are chained here, oldest first, with the same canonical form the app
uses (backend/backoffice/chain.py; a test compares the two), and the head row is written. Then
triggers refuse UPDATE and DELETE of an entry (and TRUNCATE, on PostgreSQL, where UPDATE,
DELETE and TRUNCATE are also revoked from PUBLIC), refuse deleting the head, and move the head
as each entry is inserted."""

import datetime as dt
import hashlib
import json
import uuid
from typing import Any

from tortoise import fields, migrations
from tortoise.migrations import operations as ops

GENESIS = "0" * 64
BATCH = 1000

TRIGGERS = {
    "sqlite": [
        "CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry "
        "BEGIN SELECT RAISE(ABORT, 'audit_entry is append-only: UPDATE refused'); END",
        "CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_entry "
        "BEGIN SELECT RAISE(ABORT, 'audit_entry is append-only: DELETE refused'); END",
        "CREATE TRIGGER audit_chain_no_delete BEFORE DELETE ON audit_chain "
        "BEGIN SELECT RAISE(ABORT, 'audit_chain keeps its head: DELETE refused'); END",
        "CREATE TRIGGER audit_entry_moves_head AFTER INSERT ON audit_entry "
        "BEGIN UPDATE audit_chain SET hash = NEW.hash, entry_id = NEW.id WHERE id = 1; END",
    ],
    "postgres": [
        "CREATE FUNCTION audit_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
        "BEGIN RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP "
        "USING ERRCODE = 'insufficient_privilege'; END $$",
        "CREATE TRIGGER audit_entry_no_update BEFORE UPDATE OR DELETE ON audit_entry "
        "FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only()",
        "CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON audit_entry "
        "FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_append_only()",
        "CREATE TRIGGER audit_chain_no_delete BEFORE DELETE OR TRUNCATE ON audit_chain "
        "FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_append_only()",
        "CREATE FUNCTION audit_entry_moves_head() RETURNS trigger LANGUAGE plpgsql AS $$ "
        "BEGIN UPDATE audit_chain SET hash = NEW.hash, entry_id = NEW.id WHERE id = 1; "
        "RETURN NULL; END $$",
        "CREATE TRIGGER audit_entry_moves_head AFTER INSERT ON audit_entry "
        "FOR EACH ROW EXECUTE FUNCTION audit_entry_moves_head()",
        "REVOKE UPDATE, DELETE, TRUNCATE ON audit_entry FROM PUBLIC",
    ],
}


def _plain(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _json(value: Any) -> Any:
    if isinstance(value, str | bytes):
        value = json.loads(value)
    return _plain(json.loads(json.dumps(value, default=str)))


def _moment(value: Any) -> str | None:
    if value is None:
        return None
    at = value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value))
    at = at if at.tzinfo else at.replace(tzinfo=dt.UTC)
    return at.astimezone(dt.UTC).isoformat(timespec="microseconds")


def digest(prev_hash: str, row: dict[str, Any]) -> str:
    """backend.backoffice.chain.digest, copied: a migration imports nothing of the app's."""
    subject_id = row.get("subject_id")
    fields_ = {
        "actor": row.get("actor"),
        "action": row.get("action"),
        "subject_id": str(uuid.UUID(str(subject_id))) if subject_id else None,
        "subject": row.get("subject"),
        "before": _json(row.get("before")),
        "after": _json(row.get("after")),
        "at": _moment(row.get("at")),
        "request_id": row.get("request_id"),
    }
    text = json.dumps(fields_, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(f"{prev_hash}\n{text}".encode()).hexdigest()


async def chain_existing(client: Any) -> str:
    """Chain the entries written before the chain (none have a hash yet), oldest first, and
    return the head."""
    mark = "$1" if client.capabilities.dialect == "postgres" else "?"
    head, last = GENESIS, 0
    while True:
        _, rows = await client.execute_query(
            "SELECT id, actor, action, subject_id, subject, before, after, at, request_id "
            f"FROM audit_entry WHERE id > {mark} ORDER BY id LIMIT {BATCH}",
            [last],
        )
        for row in rows:
            entry = dict(row)
            linked = digest(head, entry)
            await client.execute_query(
                "UPDATE audit_entry SET prev_hash = {0}, hash = {1} WHERE id = {2}".format(
                    *(("$1", "$2", "$3") if mark == "$1" else ("?", "?", "?"))
                ),
                [head, linked, entry["id"]],
            )
            head, last = linked, int(entry["id"])
        if len(rows) < BATCH:
            return head


async def chain_and_protect(apps: Any, schema_editor: Any) -> None:
    client = schema_editor.client
    head = await chain_existing(client)
    mark = ("$1", "$2") if client.capabilities.dialect == "postgres" else ("?", "?")
    await client.execute_query(
        "INSERT INTO audit_chain (id, hash, entry_id) VALUES (1, {0}, "
        "(SELECT MAX(id) FROM audit_entry)) ".format(mark[0]),
        [head],
    )
    for statement in TRIGGERS[client.capabilities.dialect]:
        await client.execute_script(statement)


class Migration(migrations.Migration):
    dependencies = [("models", "0022_dashboard_reads_from_indexes")]

    initial = False

    operations = [
        ops.CreateModel(
            name="AuditChain",
            fields=[
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                ("hash", fields.CharField(max_length=64)),
                ("entry_id", fields.IntField(null=True)),
            ],
            options={
                "table": "audit_chain",
                "app": "models",
                "pk_attr": "id",
                "table_description": "The audit log chain's head: one row (id 1), the newest entry's hash, moved by a trigger",
            },
            bases=["Model"],
        ),
        ops.AlterModelOptions(
            name="AuditEntry",
            options={
                "table": "audit_entry",
                "app": "models",
                "pk_attr": "id",
                "table_description": "Append-only: who did what to which application, staff account or citizen's data, when,",
            },
        ),
        ops.AddField(
            model_name="AuditEntry", name="hash", field=fields.CharField(null=True, max_length=64)
        ),
        ops.AddField(
            model_name="AuditEntry",
            name="prev_hash",
            field=fields.CharField(null=True, max_length=64),
        ),
        ops.AddField(
            model_name="AuditEntry",
            name="request_id",
            field=fields.CharField(null=True, max_length=64),
        ),
        ops.RunPython(chain_and_protect, ops.RunPython.noop),
    ]
