# ApiToken now belongs to `accounts` (same table, see accounts.0001).
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("kb", "0003_instrument_status_manual"),
        ("accounts", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[migrations.DeleteModel(name="ApiToken")]),
    ]
