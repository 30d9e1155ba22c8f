"""An index on the articles' addresses: a poll looks up every item it lists by address
(monitoring/services.py), and so do the API and the upload. On PostgreSQL a hash index: a
b-tree entry is limited to about 2,700 bytes, which a 2,000-character address in Persian letters
can pass, while a hash index keeps only a 4-byte hash and serves the equality lookups (`url =`,
`url IN`) that are all we make; on SQLite an ordinary index (no such limit)."""

from django.db import migrations


def create(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE INDEX IF NOT EXISTS kb_article_url ON kb_article USING hash (url)")
    else:
        schema_editor.execute("CREATE INDEX IF NOT EXISTS kb_article_url ON kb_article (url)")


def drop(apps, schema_editor):  # type: ignore[no-untyped-def]
    schema_editor.execute("DROP INDEX IF EXISTS kb_article_url")


class Migration(migrations.Migration):
    dependencies = [("kb", "0006_delegation")]
    operations = [migrations.RunPython(create, drop)]
