import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createDatabase, type DatabaseConnection } from './database.js';

/**
 * A freshly migrated, empty database for one test file. PGlite in memory by default; with
 * TEST_DATABASE_URL (a PostgreSQL server) a uniquely named database on that server, dropped on close,
 * so that the same suite runs on both.
 */
export async function createTestDatabase(): Promise<DatabaseConnection> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) return createDatabase({ dataDir: 'memory://' });

  const name = `kiseki_test_${randomBytes(6).toString('hex')}`;
  await runOnServer(serverUrl, `create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  let connection: DatabaseConnection;
  try {
    connection = await createDatabase({ url: url.toString() });
  } catch (error) {
    await runOnServer(serverUrl, `drop database if exists ${name} with (force)`);
    throw error;
  }
  return {
    ...connection,
    close: async () => {
      await connection.close();
      await runOnServer(serverUrl, `drop database if exists ${name} with (force)`);
    },
  };
}

async function runOnServer(serverUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
