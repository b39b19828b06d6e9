from tortoise import fields, migrations
from tortoise.migrations import operations as ops


class Migration(migrations.Migration):
    """The request that wrote each outbox entry; deadlines counted on a provisional calendar
    (a year whose national holidays are not published yet) say so until the sweep firms them."""

    dependencies = [("models", "0004_outbox_leases")]

    initial = False

    operations = [
        ops.AddField(
            model_name="Outbox",
            name="request_id",
            field=fields.CharField(null=True, max_length=64),
        ),
        ops.AddField(
            model_name="Application",
            name="due_provisional",
            field=fields.BooleanField(default=False),
        ),
        ops.AddField(
            model_name="ReviewTask",
            name="due_provisional",
            field=fields.BooleanField(default=False),
        ),
    ]
