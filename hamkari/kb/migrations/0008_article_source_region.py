"""The region of the watched source an article came from (Article.source_region).

On SQLite, adding a column with a default rebuilds kb_article, which drops the indexes Django's
model state does not know: the index on the addresses (0007, made by hand: a hash index on
PostgreSQL) is made again here. Any later migration that rebuilds kb_article must do the same
(tests/kb/test_indexes.py fails until it does)."""

from django.db import migrations, models


def url_index(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor != "postgresql":
        schema_editor.execute("CREATE INDEX IF NOT EXISTS kb_article_url ON kb_article (url)")


class Migration(migrations.Migration):
    dependencies = [
        ("kb", "0007_article_url_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="source_region",
            field=models.CharField(blank=True, max_length=10),
        ),
        migrations.RunPython(url_index, migrations.RunPython.noop),
    ]
