from tortoise import fields
from tortoise.models import Model


class Region(Model):
    """A GB/T 2260 administrative region (province, city, county) or a township below a county
    (nine digits, GB/T 10114)."""

    code = fields.CharField(max_length=12, primary_key=True)
    name = fields.CharField(max_length=64)
    parent_code = fields.CharField(max_length=12, null=True, db_index=True)
    level = fields.CharField(max_length=10)

    class Meta:
        table = "region"
