"""No double booking, enforced by PostgreSQL: an exclusion constraint over (item, date range)
for bookings that hold their dates. Created only on PostgreSQL (btree_gist lets the item id
take part in the GiST index); on SQLite the service serialises writers and checks the overlap
inside its transaction — see lending/models.py."""

from django.db import migrations

HOLDING = "('pending', 'approved', 'handed_over')"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
    schema_editor.execute(
        "ALTER TABLE lending_booking ADD CONSTRAINT booking_no_overlap EXCLUDE USING gist ("
        " organization_id WITH =, item_id WITH =, daterange(start_date, end_date, '[]') WITH &&"
        f") WHERE (status IN {HOLDING})"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("ALTER TABLE lending_booking DROP CONSTRAINT IF EXISTS booking_no_overlap")


class Migration(migrations.Migration):
    dependencies = [("lending", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
