import type { Server } from 'node:http';
import request from 'supertest';
import { csrfOf, signIn, useTestApp } from '../support/harness';
import { createEvent, linkFromMail, person } from './registration-fixtures';

jest.setTimeout(240_000);

/** Runs the tasks with at most `width` in flight, as a crowd of browsers would (each waits for its answer). */
async function crowd<T>(tasks: Array<() => Promise<T>>, width: number): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < tasks.length) {
        const i = next++;
        results[i] = await tasks[i]();
      }
    }),
  );
  return results;
}

describe('a rush of registrations on an event with 100 places', () => {
  const t = useTestApp();
  let server: Server;
  beforeAll(() => {
    server = t.app.listen(0);
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('seats exactly 100 with numbers 1–100, puts the rest on the waiting list, and registers no address twice', async () => {
    const admin = await signIn(t.app, 'admin@example.org');
    const { id, slug } = await createEvent(admin, { capacity: '100' });
    const agent = request.agent(server);
    const csrf = csrfOf((await agent.get(`/events/${slug}`)).text);
    const statuses: number[] = [];
    const register = async (email: string) => {
      const res = await agent.post(`/events/${slug}/register`).type('form').send({ _csrf: csrf, ...person(email) });
      statuses.push(res.status);
      if (res.status !== 200) throw new Error(`${email}: ${res.status} ${res.text.slice(0, 300)}`);
    };
    const people = Array.from({ length: 300 }, (_, i) => `rush${i}@example.org`);
    // 300 people, 30 of them at any moment (more would queue for the pool's connections longer than its 5 s wait on a busy machine), each registering and then confirming from the mailed link
    await crowd(
      people.map((email, i) => async () => {
        // every tenth address is sent twice at the same moment
        await Promise.all(i % 10 === 0 ? [register(email), register(email)] : [register(email)]);
        const link = await linkFromMail(t.ds, email, 'event_confirm');
        const res = await agent.post(`${link}/confirm`).type('form').send({ _csrf: csrf });
        statuses.push(res.status);
      }),
      30,
    );
    expect(statuses.filter((s) => s !== 200 && s !== 303)).toEqual([]);
    const rows: Array<{ status: string; number: number; email: string }> = await t.ds.query(`SELECT status, number, email FROM registration WHERE event_id = $1`, [id]);
    expect(rows.length).toBe(300);
    expect(new Set(rows.map((r) => r.email)).size).toBe(300);
    const confirmed = rows.filter((r) => r.status === 'confirmed').map((r) => r.number).sort((a, b) => a - b);
    expect(confirmed).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    const waiting = rows.filter((r) => r.status === 'waiting').map((r) => r.number).sort((a, b) => a - b);
    expect(waiting).toEqual(Array.from({ length: 200 }, (_, i) => i + 101));
    const [event] = await t.ds.query(`SELECT last_number FROM event WHERE id = $1`, [id]);
    expect(event.last_number).toBe(300);
  });
});
