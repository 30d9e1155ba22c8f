# EditorScope and Profile now belong to `accounts` (same tables, see accounts.0001).
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("web", "0002_profile"),
        ("accounts", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="Profile"),
                migrations.DeleteModel(name="EditorScope"),
            ],
        ),
    ]
