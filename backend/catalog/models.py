from typing import Any

from tortoise import fields
from tortoise.models import Model


class Matter(Model):
    """A matter (事项), identified by its code, its content in immutable versions."""

    id = fields.IntField(primary_key=True)
    code = fields.CharField(max_length=32, unique=True)
    region_code = fields.CharField(max_length=6, db_index=True)
    department_code = fields.CharField(max_length=32, db_index=True)
    department_name = fields.CharField(max_length=100)
    kind = fields.CharField(max_length=40, db_index=True)
    audience = fields.CharField(max_length=16)
    name_zh = fields.CharField(max_length=200)
    name_en = fields.CharField(max_length=300)
    extends_code = fields.CharField(max_length=32, null=True, db_index=True)
    status = fields.CharField(max_length=12, default="published")
    # The version citizens see now; not a foreign key, to keep the two tables acyclic.
    published_version_id = fields.IntField(null=True)
    # For a localisation: the template version its published version was merged onto.
    template_version = fields.IntField(null=True)
    search_text = fields.TextField()
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "matter"
        # Also matter_localisations, a partial index of the localisations only (migration 0003;
        # tortoise declares no partial index but on equality).


class MatterVersion(Model):
    """One published version of a matter, never changed once written."""

    id = fields.IntField(primary_key=True)
    matter: fields.ForeignKeyRelation[Matter] = fields.ForeignKeyField(
        "models.Matter", related_name="versions", on_delete=fields.RESTRICT
    )
    number = fields.IntField()
    source: Any = (
        fields.JSONField()
    )  # the document as authored (a county version holds only changes)
    definition: Any = fields.JSONField()  # the effective definition, template merged
    content_hash = fields.CharField(max_length=64)
    note = fields.CharField(max_length=200, default="")
    author = fields.CharField(max_length=64, default="")
    published_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "matter_version"
        unique_together = (("matter", "number"),)


class MatterGram(Model):
    """Search index: every one- and two-character gram of a matter's searchable text, with the
    matter's region and the best segment holding the gram (its tier: NAME, KEYWORDS or
    DEPARTMENT), so that a county's search reads a word's matters of each region of its lineage
    in the order a page shows them, and stops at the page's end (docs/search.md)."""

    id = fields.IntField(primary_key=True)
    gram = fields.CharField(max_length=2)
    matter: fields.ForeignKeyRelation[Matter] = fields.ForeignKeyField(
        "models.Matter", related_name="grams", on_delete=fields.CASCADE
    )
    region_code = fields.CharField(max_length=6, default="", db_default="")  # the matter's
    tier = fields.SmallIntField(default=0, db_default=0)

    class Meta:
        table = "matter_gram"
        unique_together = (("gram", "matter"),)
        indexes = (("gram", "region_code", "tier", "matter_id"),)


class LifeEvent(Model):
    """A life event (一件事): several matters applied for as one."""

    id = fields.IntField(primary_key=True)
    code = fields.CharField(max_length=32, unique=True)
    region_code = fields.CharField(max_length=6, db_index=True)
    name_zh = fields.CharField(max_length=200)
    name_en = fields.CharField(max_length=300)
    definition: Any = fields.JSONField()
    content_hash = fields.CharField(max_length=64)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "life_event"


class LifeEventMember(Model):
    id = fields.IntField(primary_key=True)
    life_event: fields.ForeignKeyRelation[LifeEvent] = fields.ForeignKeyField(
        "models.LifeEvent", related_name="members", on_delete=fields.CASCADE
    )
    matter_code = fields.CharField(max_length=32, db_index=True)
    position = fields.IntField()

    class Meta:
        table = "life_event_member"
        unique_together = (("life_event", "position"),)


def fits(model: type[Model], **values: str) -> bool:
    """Whether each value fits its column. A longer one names no row, and tortoise refuses to
    filter by it (a ValidationError) instead of finding nothing."""
    for name, value in values.items():
        limit = getattr(model._meta.fields_map[name], "max_length", None)
        if limit is not None and len(value) > limit:
            return False
    return True


class SearchSynonym(Model):
    """A county's own word for its citizens' searches (docs/search.md): a search in the county,
    or in a region below it, for a word holding `said` also looks for it with `said` replaced
    by each of `meant`, besides the province's dictionary (form_schemas/synonyms.json)."""

    id = fields.IntField(primary_key=True)
    region_code = fields.CharField(max_length=6)
    said = fields.CharField(max_length=30)  # folded: lower case, simplified characters
    meant: Any = fields.JSONField()  # list[str], folded
    updated_by = fields.CharField(max_length=64)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "search_synonym"
        unique_together = (("region_code", "said"),)
