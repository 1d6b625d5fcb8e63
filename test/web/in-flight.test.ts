import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { countRequests, inFlightOf } from '../../src/web/in-flight';
import { route } from '../../src/web/routing';

/** A bare app with the app's request counting and routing, and one route that waits until told to answer. */
function slowApp() {
  const app = express();
  app.use(countRequests(inFlightOf(app)));
  let started!: () => void;
  const arrived = new Promise<void>((resolve) => (started = resolve));
  let finish!: () => void;
  const release = new Promise<void>((resolve) => (finish = resolve));
  route(app, { method: 'get', path: '/slow', policy: 'public' }, async (_req, res) => {
    started();
    await release;
    res.send('done');
  });
  return { app, arrived, finish };
}

async function listen(app: express.Express): Promise<{ url: string; close(): void }> {
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}

describe('shutting down with requests in flight', () => {
  it('waits for a running handler, even after its visitor left, and turns new requests away with 503', async () => {
    const { app, arrived, finish } = slowApp();
    const server = await listen(app);
    try {
      const visitor = new AbortController();
      const slow = fetch(`${server.url}/slow`, { signal: visitor.signal }).catch(() => 'left');
      await arrived;
      visitor.abort(); // the tab is closed: the handler still runs and still holds its database work
      expect(await slow).toBe('left');

      let drained = false;
      const drain = inFlightOf(app).drain().then(() => (drained = true));
      const late = await fetch(`${server.url}/slow`);
      expect(late.status).toBe(503);
      expect(late.headers.get('connection')).toBe('close');
      expect(await late.text()).toContain('Сервер перезапускается');
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(drained).toBe(false);

      finish();
      await drain;
      expect(drained).toBe(true);
    } finally {
      server.close();
    }
  });

  it('is drained at once when nothing runs', async () => {
    await expect(inFlightOf(express()).drain()).resolves.toBeUndefined();
  });
});
