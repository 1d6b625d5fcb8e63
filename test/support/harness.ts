import 'reflect-metadata';
import request from 'supertest';
import type { Express } from 'express';
import type { DataSource } from 'typeorm';
import { DataSource as OrmDataSource } from 'typeorm';
import { dataSource, dataSourceOptions } from '../../ormconfig';
import { loadConfig, type Config } from '../../src/config';
import { buildApp, type BuiltApp } from '../../src/app';
import { seedPeople } from '../../src/demo/seed';
import { DEMO_PASSWORD } from '../../src/demo/people';

export interface TestApp {
  app: Express;
  ds: DataSource;
  config: Config;
}

/** Empties every table (keeping the migrations' bookkeeping), so each test file starts from the same data. */
export async function resetDatabase(ds: DataSource): Promise<void> {
  const tables: Array<{ tablename: string }> = await ds.query(
    `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'typeorm_migrations'`,
  );
  if (tables.length) await ds.query(`TRUNCATE ${tables.map((t) => `"${t.tablename}"`).join(', ')} RESTART IDENTITY CASCADE`);
}

/**
 * Gives a test file the real app on this worker's database, migrated and holding the demo region's
 * people (the demo accounts, password `laureate-demo`). Call at the top of a describe block.
 */
export function useTestApp(options: { seed?: boolean } = {}): TestApp {
  const ctx = {} as TestApp;
  let close: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    if (!dataSource.isInitialized) await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
    await resetDatabase(dataSource);
    if (options.seed !== false) await dataSource.transaction((m) => seedPeople(m));
    const config = loadConfig();
    const built = buildApp({ dataSource, config });
    Object.assign(ctx, { app: built.app, ds: dataSource, config });
    close = built.close;
  });
  afterAll(async () => {
    await close?.();
    if (dataSource.isInitialized) await dataSource.destroy();
  });
  return ctx;
}

/**
 * A second app on a pool of its own, sharing nothing with the first but the database: as another process
 * behind the same load balancer. Call inside a describe block after useTestApp.
 */
export function useSecondApp(t: TestApp): { app: Express } {
  const ctx = {} as { app: Express };
  let other: OrmDataSource;
  let b: BuiltApp;
  beforeAll(async () => {
    other = new OrmDataSource({ ...dataSourceOptions(t.config), migrations: [] });
    await other.initialize();
    b = buildApp({ dataSource: other, config: t.config });
    ctx.app = b.app;
  });
  afterAll(async () => {
    await b?.close();
    await other?.destroy();
  });
  return ctx;
}

/** Waits (briefly) until a condition holds: notices from the database arrive on their own connection. */
export async function eventually(check: () => Promise<boolean>, timeoutMs = 3_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 25));
  }
  return check();
}

/** The CSRF token of a rendered form. */
export function csrfOf(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!m) throw new Error('no CSRF token in the page');
  return m[1];
}

/** The version a rendered form was drawn at (its hidden `version` field), for optimistic locking. */
export function versionOf(html: string): string {
  const m = /name="version" value="(\d+)"/.exec(html);
  if (!m) throw new Error('no version field in the page');
  return m[1];
}

export type Agent = ReturnType<typeof request.agent>;

/** Signs in through the real form; returns the agent (cookies kept) and a CSRF token of the new session. */
export async function signIn(app: Express, email: string, password = DEMO_PASSWORD): Promise<{ agent: Agent; csrf: string }> {
  const agent = request.agent(app);
  const form = await agent.get('/login');
  const res = await agent.post('/login').type('form').send({ email, password, _csrf: csrfOf(form.text) });
  if (res.status !== 303) throw new Error(`sign-in of ${email} failed with ${res.status}`);
  const page = await agent.get('/account/password');
  return { agent, csrf: csrfOf(page.text) };
}

export { DEMO_PASSWORD };
