import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import {
  listMunicipalities,
  upsertMunicipality,
} from '../server/municipalities/municipalities.repository.js';
import { createDatabase, isPostgresUrl, redactDatabaseUrl } from './database.js';
import { createTestDatabase } from './test-database.js';

describe('createDatabase', () => {
  test('an embedded database in a directory keeps its data when it is opened again', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kiseki-data-'));
    try {
      const first = await createDatabase({ url: undefined, dataDir });
      await upsertMunicipality({
        db: first.db,
        municipality: { code: '402290', name: '試験市', prefecture: '福岡県' },
      });
      await first.close();

      const second = await createDatabase({ url: undefined, dataDir });
      const municipalities = await listMunicipalities({ db: second.db });
      await second.close();

      expect(first.kind).toBe('pglite');
      expect(municipalities.map((municipality) => municipality.code)).toEqual(['402290']);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('lost connections', () => {
  test('connections the server ends while they are idle are replaced, and the process carries on', async () => {
    const connection = await createTestDatabase();
    try {
      // Three queries at once leave three idle connections in a PostgreSQL pool.
      await Promise.all([1, 2, 3].map(() => connection.db.execute(sql`select pg_sleep(0.05)`)));
      // The other sessions are ended as an administrator or a restart would end them; the pause lets
      // their notices arrive before the next query.
      const ending = await connection.db.execute(sql`
        with terminated as (
          select pg_terminate_backend(pid) as done from pg_stat_activity
          where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'
        )
        select (select count(*) from terminated where done)::int as ended, pg_sleep(0.3)::text as paused`);
      const answering = await connection.db.execute(sql`select 42 as answer`);
      // Both drivers answer { rows }, typed differently: read them through one schema.
      const [ended] = z.object({ rows: z.array(z.object({ ended: z.coerce.number() })) }).parse(ending).rows;
      const [answer] = z
        .object({ rows: z.array(z.object({ answer: z.coerce.number() })) })
        .parse(answering).rows;

      expect(ended?.ended).toBe(connection.kind === 'postgres' ? 2 : 0);
      expect(answer?.answer).toBe(42);
    } finally {
      await connection.close();
    }
  });
});

describe('database URLs', () => {
  test('only postgres URLs select a PostgreSQL server', () => {
    expect(isPostgresUrl('postgres://u@localhost/db')).toBe(true);
    expect(isPostgresUrl('postgresql://u@localhost/db')).toBe(true);
    expect(isPostgresUrl('./data')).toBe(false);
    expect(isPostgresUrl(undefined)).toBe(false);
  });

  test('a URL is logged without its password', () => {
    expect(redactDatabaseUrl('postgres://kiseki:secret@db:5432/kiseki')).toBe(
      'postgres://kiseki:***@db:5432/kiseki',
    );
  });
});
