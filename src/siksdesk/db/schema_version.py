"""The alembic head this program was built with. Start-up compares the database against it
without importing alembic (≈250 ms); a test keeps it equal to the migration scripts' head."""

HEAD_REVISION = "0007"
