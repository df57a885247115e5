/**
 * A PostgreSQL connection lost while it is checked out of the pool (a query or a transaction under
 * way) fails what was under way and is reported; it never ends the process, and the store serves
 * again from a new connection once PostgreSQL is back. PGlite has no connection to lose.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openStore, type Store } from '../platform/store/database.ts';
import { createPostgresDatabase, type TestDatabase } from './support/databases.ts';
import { proxyPostgres, type TcpProxy } from './support/tcp-proxy.ts';

describe('store on PostgreSQL when the connection is cut', () => {
  let database: TestDatabase;
  let proxy: TcpProxy;
  let store: Store;
  let proxiedUrl: string;
  const lost: Error[] = [];
  beforeAll(async () => {
    database = await createPostgresDatabase();
    ({ proxy, url: proxiedUrl } = await proxyPostgres(database.databaseUrl!));
    store = await openStore({ databaseUrl: proxiedUrl, onConnectionError: (error) => lost.push(error) });
  });
  afterAll(async () => {
    await proxy?.restore().catch(() => undefined);
    await store?.close();
    await proxy?.close();
    await database?.drop();
  });

  it('when the connection under a running query is cut, then the query fails, the loss is reported, and the next query after the cut heals succeeds', async () => {
    lost.length = 0;
    const running = sql`select pg_sleep(30)`.execute(store.db);
    const settled = running.then(
      () => 'answered',
      (error: Error) => error.message,
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    await proxy.cut();
    expect(await settled).toMatch(/Connection terminated/);
    expect(lost.map((e) => e.message)).toContain('Connection terminated unexpectedly');
    await proxy.restore();
    const { rows } = await sql<{ one: number }>`select 1 as one`.execute(store.db);
    expect(rows).toEqual([{ one: 1 }]);
  });

  it('when the connection of an open transaction is cut between its statements, then the transaction fails and the loss is reported', async () => {
    lost.length = 0;
    let cutDone!: () => void;
    const cutting = new Promise<void>((resolve) => (cutDone = resolve));
    const outcome = store.db
      .transaction()
      .execute(async (trx) => {
        await sql`select 1`.execute(trx);
        // The client is checked out and idle in the transaction: no query is pending to receive the loss.
        await proxy.cut();
        await new Promise((resolve) => setTimeout(resolve, 100));
        cutDone();
        await sql`select 2`.execute(trx);
        return 'committed';
      })
      .catch((error: Error) => error.message);
    await cutting;
    expect(await outcome).not.toBe('committed');
    expect(lost.map((e) => e.message)).toContain('Connection terminated unexpectedly');
    await proxy.restore();
    const { rows } = await sql<{ two: number }>`select 2 as two`.execute(store.db);
    expect(rows).toEqual([{ two: 2 }]);
  });

  it('when no listener is given and a connection in use is cut, then the loss is one JSON line on standard error', async () => {
    const unlistened = await openStore({ databaseUrl: proxiedUrl });
    const written = vi.spyOn(process.stderr, 'write');
    try {
      const running = sql`select pg_sleep(30)`.execute(unlistened.db).catch((error: Error) => error.message);
      await new Promise((resolve) => setTimeout(resolve, 200));
      await proxy.cut();
      expect(await running).toMatch(/Connection terminated/);
      const lines = written.mock.calls.map(([chunk]) => String(chunk)).filter((line) => line.includes('PostgreSQL connection lost'));
      expect(lines.map((line) => JSON.parse(line) as { level: number; err: string })).toContainEqual(
        expect.objectContaining({ level: 40, err: 'Connection terminated unexpectedly' }),
      );
    } finally {
      written.mockRestore();
      await proxy.restore();
      await unlistened.close();
    }
  });
});
