import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { useTestApp } from '../support/harness';
import { dataSourceOptions } from '../../ormconfig';
import { loadConfig } from '../../src/config';
import { buildApp } from '../../src/app';
import { startEmbeddedDatabase, DataDirInUseError } from '../../src/db/embedded';

describe('health and database outages', () => {
  const t = useTestApp({ seed: false });

  it('answers 200 with the database status', async () => {
    const res = await request(t.app).get('/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', db: 'ok' });
  });

  // a fresh embedded cluster started twice (initdb first): slow on a busy 2-core machine, hence its own timeout
  it('answers 503 while the database is unreachable, with a friendly page, and recovers by itself', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'laureate-outage-'));
    const config = loadConfig({ ...process.env, DATABASE_URL: '', DATA_DIR: dir, DB_POOL_SIZE: '2' });
    let db = await startEmbeddedDatabase(dir, 4);
    const ds = new DataSource({ ...dataSourceOptions({ ...config, databaseUrl: undefined }), migrations: [] });
    await ds.initialize();
    const { app, close } = buildApp({ dataSource: ds, config });
    try {
      expect((await request(app).get('/healthz')).status).toBe(200);
      await db.stop();
      const down = await request(app).get('/healthz');
      expect(down.status).toBe(503);
      expect(down.body.db).toBe('down');
      // a page that reads the database answers with a friendly 503 page and no stack trace
      const page = await request(app).get('/invite/abcdefghijklmnopqrstuvwxyz');
      expect(page.status).toBe(503);
      expect(page.text).toContain('Сервис временно недоступен');
      expect(page.text).not.toMatch(/at .*\.(ts|js):\d+/);
      db = await startEmbeddedDatabase(dir, 4);
      let status = 0;
      for (let i = 0; i < 50 && status !== 200; i++) {
        status = (await request(app).get('/healthz')).status;
        if (status !== 200) await new Promise((r) => setTimeout(r, 100));
      }
      expect(status).toBe(200);
    } finally {
      await close();
      await ds.destroy().catch(() => undefined);
      await db.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);

  it('refuses to start a second process on the same embedded data folder', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'laureate-lock-'));
    fs.writeFileSync(path.join(dir, 'laureate.lock'), String(process.ppid)); // a live process holds it
    await expect(startEmbeddedDatabase(dir, 2)).rejects.toBeInstanceOf(DataDirInUseError);
    await expect(startEmbeddedDatabase(dir, 2)).rejects.toThrow(/already in use by another Laureate process/);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
