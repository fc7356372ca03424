"""Alembic environment: always run on the app's own open, keyed connection."""

from alembic import context

from psyroom.storage.schema import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, transactional_ddl=True,
                  render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
