from tortoise import migrations
from tortoise.migrations import operations as ops


class Migration(migrations.Migration):
    """The localisations a county's search leaves out (`matters_query`), read from an index
    of the localisations alone: partial, so that it never competes with the region index for
    the search itself. The same SQL on SQLite and PostgreSQL."""

    dependencies = [("models", "0002_authoring")]

    initial = False

    operations = [
        ops.RunSQL(
            'CREATE INDEX "matter_localisations" ON "matter" ("region_code", "extends_code", '
            '"status") WHERE "extends_code" IS NOT NULL',
            reverse_sql='DROP INDEX "matter_localisations"',
        ),
    ]
