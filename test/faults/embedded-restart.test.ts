import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Browser, ensureBuilt, startApp, stopAllApps, healthOf, waitFor, type AppProcess } from './support';
import { embeddedLockFile, embeddedSocketPath } from '../../src/db/embedded-paths';

/** The embedded database (no DATABASE_URL): one process owns DATA_DIR, and what it wrote outlives it. */
describe('the embedded database across restarts', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'laureate-faults-embedded-'));
  const start = (name: string, options?: { waitReady?: boolean }) => startApp(name, { DATA_DIR: dataDir }, options);
  let app: AppProcess;
  let admin: Browser;
  let csrf: string;

  const invite = async (email: string) => {
    const res = await admin.post('/admin/users', { _csrf: csrf, email, fullName: `Проверочная ${email}`, role: 'admin', municipalityId: '', institution: '' });
    expect(res.status).toBe(200);
    expect(res.text).toContain(email);
  };
  const listedUsers = async () => (await admin.get('/admin/users')).text;

  beforeAll(async () => {
    await ensureBuilt();
    app = await start('embedded-first'); // creates the database, migrates it and seeds the demo
    admin = new Browser(app.url);
    csrf = await admin.signIn('admin@example.org');
  }, 180_000);

  afterAll(async () => {
    await stopAllApps();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('keeps what was created through the app, and the sign-in, across a stop and a start', async () => {
    await invite('kept-after-restart@example.org');
    expect(await app.stop('SIGTERM')).toBe(0);
    app = await start('embedded-restarted');
    admin = admin.at(app.url); // the same browser, its cookie from before the restart
    const users = await admin.get('/admin/users');
    expect(users.status).toBe(200);
    expect(users.text).toContain('kept-after-restart@example.org');
  }, 60_000);

  it('refuses a second app on the same DATA_DIR with a clear message, and the first keeps serving', async () => {
    const second = await start('embedded-second', { waitReady: false });
    await waitFor('the second app to exit', async () => second.child.exitCode !== null, 30_000);
    expect(await second.exited).not.toBe(0);
    expect(second.output()).toContain(`DATA_DIR ${dataDir} is already in use by another Laureate process (pid ${app.child.pid})`);
    expect((await healthOf(app.url)).status).toBe(200);
    expect(await listedUsers()).toContain('kept-after-restart@example.org');
  }, 60_000);

  it('starts again after the process is killed (stale lock and socket left behind), with everything written before the kill', async () => {
    await invite('written-before-the-kill@example.org');
    expect(await app.stop('SIGKILL')).toBe('SIGKILL');
    expect(fs.existsSync(embeddedLockFile(dataDir))).toBe(true);
    expect(fs.existsSync(embeddedSocketPath(dataDir))).toBe(true);
    app = await start('embedded-after-the-kill');
    admin = admin.at(app.url);
    const users = await listedUsers();
    expect(users).toContain('kept-after-restart@example.org');
    expect(users).toContain('written-before-the-kill@example.org');
    expect(await app.stop('SIGTERM')).toBe(0);
    expect(fs.existsSync(embeddedLockFile(dataDir))).toBe(false);
  }, 60_000);
});
