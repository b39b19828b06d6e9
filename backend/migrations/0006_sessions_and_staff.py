from uuid import uuid4

from tortoise import fields, migrations
from tortoise.fields.base import OnDelete
from tortoise.migrations import operations as ops


class Migration(migrations.Migration):
    """Sessions kept in the database, so that signing out ends one at once on every worker;
    staff sign-in failures counted per account and client address, so that a stranger's
    guesses lock the stranger out and not the account's owner; a password reset that forces a
    change; audit entries about a staff account, not only an application."""

    dependencies = [("models", "0005_request_ids_and_provisional_deadlines")]

    initial = False

    operations = [
        ops.CreateModel(
            name="CitizenSession",
            fields=[
                (
                    "id",
                    fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True),
                ),
                (
                    "citizen",
                    fields.ForeignKeyField(
                        "models.Citizen",
                        source_field="citizen_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="sessions",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
                (
                    "expires_at",
                    fields.DatetimeField(db_index=True, auto_now=False, auto_now_add=False),
                ),
            ],
            options={
                "table": "citizen_session",
                "app": "models",
                "pk_attr": "id",
                "table_description": "A signed-in citizen's session: a token names its random id, and it lasts while its row",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="SignInAttempts",
            fields=[
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                (
                    "member",
                    fields.ForeignKeyField(
                        "models.StaffMember",
                        source_field="member_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="sign_in_attempts",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                ("address", fields.CharField(max_length=64)),
                ("failed_attempts", fields.IntField(default=0)),
                (
                    "locked_until",
                    fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
                ),
                (
                    "signed_in_at",
                    fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
                ),
                ("changed_at", fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={
                "table": "staff_sign_in_attempts",
                "app": "models",
                "unique_together": (("member", "address"),),
                "pk_attr": "id",
                "table_description": "One account's sign-in attempts from one client address: failures in a row, the lock they",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="StaffSession",
            fields=[
                (
                    "id",
                    fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True),
                ),
                (
                    "member",
                    fields.ForeignKeyField(
                        "models.StaffMember",
                        source_field="member_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="sessions",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
                (
                    "expires_at",
                    fields.DatetimeField(db_index=True, auto_now=False, auto_now_add=False),
                ),
            ],
            options={
                "table": "staff_session",
                "app": "models",
                "pk_attr": "id",
                "table_description": "A signed-in staff member's session: a token names its random id, and it lasts while its",
            },
            bases=["Model"],
        ),
        ops.AlterModelOptions(
            name="AuditEntry",
            options={
                "table": "audit_entry",
                "app": "models",
                "pk_attr": "id",
                "table_description": "Append-only: who did what to which application or staff account, when, with the state",
            },
        ),
        ops.AlterField(
            model_name="AuditEntry",
            name="subject_id",
            field=fields.UUIDField(null=True, db_index=True),
        ),
        ops.AddField(
            model_name="AuditEntry",
            name="subject",
            field=fields.CharField(null=True, db_index=True, max_length=80),
        ),
        ops.AddField(
            model_name="StaffMember",
            name="must_change_password",
            field=fields.BooleanField(default=False),
        ),
        ops.RemoveField(model_name="StaffMember", name="failed_attempts"),
        ops.RemoveField(model_name="StaffMember", name="locked_until"),
    ]
