/**
 * A minimal Alembic project for asyncpg, as the infrastructure guide sets it
 * up: env.py runs the migrations through create_async_engine and
 * connection.run_sync. `fas export alembic --out DIR/versions` fills it.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const ENV_PY = `import asyncio
import os
from logging.config import fileConfig

from alembic import context
from sqlalchemy import pool
from sqlalchemy.ext.asyncio import create_async_engine

config = context.config
if config.config_file_name is not None:
    fileConfig(config.config_file_name)

target_metadata = None


def database_url() -> str:
    return os.environ.get("ALEMBIC_DATABASE_URL") or config.get_main_option("sqlalchemy.url")


def run_migrations_offline() -> None:
    context.configure(url=database_url(), target_metadata=target_metadata, literal_binds=True, dialect_opts={"paramstyle": "named"})
    with context.begin_transaction():
        context.run_migrations()


def do_run_migrations(connection) -> None:
    context.configure(connection=connection, target_metadata=target_metadata, transaction_per_migration=True)
    with context.begin_transaction():
        context.run_migrations()


async def run_async_migrations() -> None:
    engine = create_async_engine(database_url(), poolclass=pool.NullPool)
    async with engine.connect() as connection:
        await connection.run_sync(do_run_migrations)
    await engine.dispose()


def run_migrations_online() -> None:
    asyncio.run(run_async_migrations())


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
`;

export const SCRIPT_PY_MAKO = `"""\${message}

Revision ID: \${up_revision}
Revises: \${down_revision | comma,n}
Create Date: \${create_date}

"""
from alembic import op
import sqlalchemy as sa
\${imports if imports else ""}

# revision identifiers, used by Alembic.
revision = \${repr(up_revision)}
down_revision = \${repr(down_revision)}
branch_labels = \${repr(branch_labels)}
depends_on = \${repr(depends_on)}


def upgrade() -> None:
    \${upgrades if upgrades else "pass"}


def downgrade() -> None:
    \${downgrades if downgrades else "pass"}
`;

export function alembicIni(url: string): string {
  return `[alembic]
script_location = %(here)s
version_locations = %(here)s/versions
sqlalchemy.url = ${url.replaceAll('%', '%%')}

[loggers]
keys = root,sqlalchemy,alembic

[handlers]
keys = console

[formatters]
keys = generic

[logger_root]
level = WARN
handlers = console
qualname =

[logger_sqlalchemy]
level = WARN
handlers =
qualname = sqlalchemy.engine

[logger_alembic]
level = INFO
handlers =
qualname = alembic

[handler_console]
class = StreamHandler
args = (sys.stderr,)
level = NOTSET
formatter = generic

[formatter_generic]
format = %%(levelname)-5.5s [%%(name)s] %%(message)s
`;
}

/** Write alembic.ini, env.py, script.py.mako and versions/ into dir. Returns the versions directory. */
export async function writeAlembicScaffold(dir: string, url: string): Promise<string> {
  const versions = join(dir, 'versions');
  await mkdir(versions, { recursive: true });
  await writeFile(join(dir, 'alembic.ini'), alembicIni(url));
  await writeFile(join(dir, 'env.py'), ENV_PY);
  await writeFile(join(dir, 'script.py.mako'), SCRIPT_PY_MAKO);
  return versions;
}
