from tortoise import fields, migrations
from tortoise.migrations import operations as ops


class Migration(migrations.Migration):
    """Outbox claims with a lease, one for the publication and one for the notice, so that a
    crashed worker's claim runs out and another worker retries the entry; partial indexes keep
    the claiming scans to the entries still pending. The same SQL on SQLite and PostgreSQL."""

    dependencies = [("models", "0003_matter_localisations_index")]

    initial = False

    operations = [
        ops.RenameField(model_name="Outbox", old_name="claimed_by", new_name="publish_claim"),
        ops.AddField(
            model_name="Outbox",
            name="publish_lease_until",
            field=fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
        ),
        ops.AddField(
            model_name="Outbox",
            name="notify_claim",
            field=fields.CharField(null=True, max_length=32),
        ),
        ops.AddField(
            model_name="Outbox",
            name="notify_lease_until",
            field=fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
        ),
        # The next entries to publish, oldest first, and an application's earlier ones (the
        # order check); the next notices to send.
        ops.RunSQL(
            'CREATE INDEX "outbox_unpublished" ON "outbox" ("application_id", "id") '
            'WHERE "published_at" IS NULL',
            reverse_sql='DROP INDEX "outbox_unpublished"',
        ),
        ops.RunSQL(
            'CREATE INDEX "outbox_unpublished_order" ON "outbox" ("id") '
            'WHERE "published_at" IS NULL',
            reverse_sql='DROP INDEX "outbox_unpublished_order"',
        ),
        ops.RunSQL(
            'CREATE INDEX "outbox_unnotified" ON "outbox" ("id") WHERE "notified_at" IS NULL',
            reverse_sql='DROP INDEX "outbox_unnotified"',
        ),
    ]
