"""Django's PostgreSQL backend, reading timestamptz values with psycopg's C loader (see base.py)."""
