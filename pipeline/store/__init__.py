"""Writers: JSONL and SQLite (PostgreSQL comes with the database issue). All writes are atomic."""
