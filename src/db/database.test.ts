import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  listMunicipalities,
  upsertMunicipality,
} from '../server/municipalities/municipalities.repository.js';
import { createDatabase, isPostgresUrl, redactDatabaseUrl } from './database.js';

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
