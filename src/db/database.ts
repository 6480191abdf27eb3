import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle as drizzleNodePostgres } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePostgres } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import * as schema from './schema.js';

/** The typed database handle; a transaction (`db.transaction(async (tx) => …)`) has the same type. */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface DatabaseConnection {
  db: Database;
  /** `pglite` (embedded, a directory or memory) or `postgres` (a server). */
  kind: 'pglite' | 'postgres';
  /** Where the data lives, for the log; a server URL is shown without its password. */
  location: string;
  /**
   * Calls `onChange` with a plan id and its new revision after every committed change of that plan (a
   * database trigger announces it; revision 0 for a deleted plan). `onLost` is called if the listening
   * connection breaks.
   */
  listenForPlanChanges: (handlers: {
    onChange: (change: PlanChange) => void;
    onLost: (error: Error) => void;
  }) => Promise<() => Promise<void>>;
  close: () => Promise<void>;
}

/** The channel the `plans` triggers notify on (drizzle/0001 and 0005). */
export const PLAN_CHANGED_CHANNEL = 'kiseki_plan_changed';

export interface PlanChange {
  planId: string;
  /** The plan's revision after the change; 0 when the plan was deleted. */
  revision: number;
}

/** `<plan id>:<revision>` as the trigger sends it; a bare id (an older trigger) counts as revision 0. */
export function parsePlanChange(payload: string): PlanChange {
  const [planId = '', revision] = payload.split(':');
  const parsed = Number(revision);
  return { planId, revision: Number.isInteger(parsed) && parsed > 0 ? parsed : 0 };
}

/** The SQL migrations drizzle-kit generates; the same files run on PGlite and on PostgreSQL. */
export const migrationsFolder = fileURLToPath(new URL('../../drizzle', import.meta.url));

export function isPostgresUrl(value: string | undefined): value is string {
  return value !== undefined && /^postgres(ql)?:\/\//.test(value);
}

/** A URL for a log line: the password replaced by `***`. */
export function redactDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://…';
  }
}

/**
 * Opens the database and brings its schema up to date: PostgreSQL when `url` (or DATABASE_URL) is a
 * postgres URL, otherwise an embedded PGlite in `dataDir` (`memory://` keeps it in memory).
 */
export async function createDatabase({
  url = process.env.DATABASE_URL,
  dataDir = './data',
}: {
  url?: string | undefined;
  dataDir?: string;
} = {}): Promise<DatabaseConnection> {
  if (isPostgresUrl(url)) {
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    // An idle connection the server ends (a restart, a failover, an administrator's termination) is
    // dropped by the pool, which opens a new one when next needed; unheard, the pool's error event
    // would end the whole process.
    pool.on('error', (error) =>
      process.emitWarning(`PostgreSQL closed an idle connection: ${error.message}`),
    );
    const db = drizzleNodePostgres({ client: pool, schema });
    try {
      await migrateNodePostgres(db, { migrationsFolder });
    } catch (error) {
      await pool.end();
      throw error;
    }
    const listenForPlanChanges: DatabaseConnection['listenForPlanChanges'] = async ({ onChange, onLost }) => {
      // LISTEN needs a session of its own: pooled connections come and go.
      const listener = new pg.Client({ connectionString: url });
      listener.on('notification', (message) => {
        if (message.channel === PLAN_CHANGED_CHANNEL && message.payload)
          onChange(parsePlanChange(message.payload));
      });
      listener.on('error', onLost);
      await listener.connect();
      await listener.query(`LISTEN ${PLAN_CHANGED_CHANNEL}`);
      return async () => {
        listener.removeListener('error', onLost);
        await listener.end();
      };
    };
    return {
      db,
      kind: 'postgres',
      location: redactDatabaseUrl(url),
      listenForPlanChanges,
      close: () => pool.end(),
    };
  }

  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  const client = await PGlite.create(dataDir);
  const db = drizzlePglite({ client, schema });
  try {
    await migratePglite(db, { migrationsFolder });
  } catch (error) {
    await client.close();
    throw error;
  }
  return {
    db,
    kind: 'pglite',
    location: dataDir,
    // One embedded session: its own notifications arrive on commit, and nothing else can break it.
    listenForPlanChanges: async ({ onChange }) =>
      client.listen(PLAN_CHANGED_CHANNEL, (payload) => onChange(parsePlanChange(payload))),
    close: () => client.close(),
  };
}

/** One round trip to the database, for the health check. */
export async function checkDatabase({ db }: { db: Database }): Promise<void> {
  await db.execute(sql`select 1`);
}
