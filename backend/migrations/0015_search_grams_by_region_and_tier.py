"""Each search gram keeps its matter's region and its tier (the first segment of the matter's
search text that holds it: 0 names, 1 keywords, 2 department), with an index on (gram,
region_code, tier, matter_id): a county's search reads each word's matters of each region of
its lineage in the order its page shows them, and stops at the page's end
(backend/catalog/ranking.py). The existing grams are filled from their matters in one UPDATE
(about a minute for the province's 8 million grams); the index is built after it."""

from typing import Any

from tortoise import fields, migrations
from tortoise.indexes import Index
from tortoise.migrations import operations as ops


FILL = {
    # the name segment, and the name and keywords segments, of the text: up to the first and
    # the second separator
    "sqlite": """
UPDATE matter_gram SET region_code = m.region_code, tier = CASE
  WHEN instr(substr(m.search_text, 1, instr(m.search_text, char(31)) - 1), matter_gram.gram) > 0
  THEN 0
  WHEN instr(substr(m.search_text, 1, instr(m.search_text, char(31))
    + instr(substr(m.search_text, instr(m.search_text, char(31)) + 1), char(31)) - 1),
    matter_gram.gram) > 0
  THEN 1 ELSE 2 END
FROM matter m WHERE m.id = matter_gram.matter_id
""",
    "postgres": """
UPDATE matter_gram g SET region_code = m.region_code, tier = CASE
  WHEN strpos(split_part(m.search_text, chr(31), 1), g.gram) > 0 THEN 0
  WHEN strpos(split_part(m.search_text, chr(31), 2), g.gram) > 0 THEN 1 ELSE 2 END
FROM matter m WHERE m.id = g.matter_id
""",
}


async def fill(apps: Any, schema_editor: Any) -> None:
    client = schema_editor.client
    await client.execute_script(FILL[client.capabilities.dialect])


class Migration(migrations.Migration):
    dependencies = [("models", "0014_county_search_synonyms")]

    initial = False

    operations = [
        ops.AlterModelOptions(
            name="MatterGram",
            options={
                "table": "matter_gram",
                "app": "models",
                "unique_together": (("gram", "matter"),),
                "indexes": [Index(fields=["gram", "region_code", "tier", "matter_id"])],
                "pk_attr": "id",
                "table_description": "Search index: every one- and two-character gram of a matter's searchable text, with the",
            },
        ),
        ops.AddField(
            model_name="MatterGram",
            name="region_code",
            field=fields.CharField(default="", db_default="", max_length=6),
        ),
        ops.AddField(
            model_name="MatterGram",
            name="tier",
            field=fields.SmallIntField(default=0, db_default=0),
        ),
        ops.RunPython(fill, ops.RunPython.noop),
        ops.AddIndex(
            model_name="MatterGram",
            index=Index(fields=["gram", "region_code", "tier", "matter_id"]),
        ),
    ]
