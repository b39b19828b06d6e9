from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.indexes import Index


class Migration(migrations.Migration):
    """The supervisor's dashboard (supervisionDashboard): a region's applications of a period,
    their completions, the ratings of a period with their follow-ups, a region's overdue work."""

    dependencies = [("models", "0008_guardianship_claims")]

    initial = False

    operations = [
        ops.AddIndex(
            model_name="Application",
            index=Index(fields=["region_code", "submitted_at"]),
        ),
        ops.AddIndex(
            model_name="ApplicationEvent",
            index=Index(fields=["application_id", "kind"]),
        ),
        ops.AddIndex(
            model_name="ApplicationEvent",
            index=Index(fields=["kind", "at"]),
        ),
        ops.AddIndex(
            model_name="FollowUp",
            index=Index(fields=["rating_id"]),
        ),
        ops.AddIndex(
            model_name="Rating",
            index=Index(fields=["created_at"]),
        ),
        ops.AddIndex(
            model_name="ReviewTask",
            index=Index(fields=["status", "region_code"]),
        ),
    ]
