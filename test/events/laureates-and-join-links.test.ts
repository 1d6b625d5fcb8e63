import { signIn, useTestApp, type Agent } from '../support/harness';
import { insertCategory, insertCycle, insertNomination } from '../support/cycle-fixtures';
import { queuedMail } from '../support/mail';
import { sendDueJoinLinks } from '../../src/events/join-links';
import { createEvent } from './registration-fixtures';

describe('the ceremony invites its laureates, and online participants get the joining link', () => {
  const t = useTestApp();
  let admin: { agent: Agent; csrf: string };
  beforeAll(async () => {
    admin = await signIn(t.app, 'admin@example.org');
  });
  const post = (url: string) => admin.agent.post(url).type('form').send({ _csrf: admin.csrf });

  /** A winner of the cycle: a nomination in status winner whose nominee has this address (or none). */
  const winner = async (cycleId: number, categoryId: number, lastName: string, email: string) => {
    const id = await insertNomination(t.ds, cycleId, categoryId, 'winner');
    await t.ds.query(`UPDATE nominee SET last_name = $2, email = $3, institution = 'ГБУЗ «Больница № 1»', position = 'врач' WHERE id = (SELECT nominee_id FROM nomination WHERE id = $1)`, [id, lastName, email]);
    return id;
  };

  it('invites every winner of a published cycle as «лауреат», prefilled and mailed, once; lists those without an address', async () => {
    const cycleId = await insertCycle(t.ds, { status: 'published' });
    const category = await insertCategory(t.ds, cycleId, 'Врач года');
    await winner(cycleId, category, 'Смирнова', 'smirnova@example.org');
    await winner(cycleId, category, 'Лебедев', 'lebedev@example.org');
    await winner(cycleId, category, 'Безадресная', '');
    await insertNomination(t.ds, cycleId, category, 'not_awarded');
    const { id } = await createEvent(admin, { cycleId: String(cycleId) });
    const page = await admin.agent.get(`/admin/events/${id}`);
    expect(page.text).toContain('Пригласить лауреатов');
    const res = await post(`/admin/events/${id}/invite-laureates`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('Безадресная');
    const rows = await t.ds.query(`SELECT last_name, status, participant_type, organisation, position FROM registration WHERE event_id = $1 ORDER BY last_name`, [id]);
    expect(rows).toEqual([
      { last_name: 'Лебедев', status: 'invited', participant_type: 'laureate', organisation: 'ГБУЗ «Больница № 1»', position: 'врач' },
      { last_name: 'Смирнова', status: 'invited', participant_type: 'laureate', organisation: 'ГБУЗ «Больница № 1»', position: 'врач' },
    ]);
    const mail = await queuedMail(t.ds, { toEmail: 'smirnova@example.org', kind: 'event_invitation' });
    expect(mail.length).toBe(1);
    expect(mail[0].text).toMatch(/\/events\/[a-z0-9-]+\/r\/[A-Za-z0-9_-]+/);
    // twice invites no one twice
    await post(`/admin/events/${id}/invite-laureates`);
    expect((await t.ds.query(`SELECT count(*)::int AS n FROM registration WHERE event_id = $1`, [id]))[0].n).toBe(2);
    expect((await queuedMail(t.ds, { kind: 'event_invitation' })).length).toBe(2);
    const [audit] = await t.ds.query(`SELECT data FROM audit_event WHERE entity = 'event' AND entity_id = $1 AND action = 'event.laureatesInvited' ORDER BY id`, [String(id)]);
    expect(audit.data).toMatchObject({ invited: 2, already: 0, withoutEmail: 1 });
  });

  it('refuses with 409 while the cycle has no published results', async () => {
    const cycleId = await insertCycle(t.ds, { status: 'judging' });
    const { id } = await createEvent(admin, { cycleId: String(cycleId) });
    expect((await admin.agent.get(`/admin/events/${id}`)).text).not.toContain('Пригласить лауреатов');
    const res = await post(`/admin/events/${id}/invite-laureates`);
    expect(res.status).toBe(409);
    expect(res.text).toContain('Итоги конкурса ещё не опубликованы');
  });

  it('mails the joining link to confirmed registrants of an online event within a day of the start, once each', async () => {
    const { id } = await createEvent(admin, { format: 'online', venue: '', joinUrl: 'https://meet.example.org/congress' });
    await t.ds.query(`UPDATE event SET starts_at = now() + interval '20 hours', ends_at = now() + interval '30 hours', registration_closes_at = now() + interval '19 hours' WHERE id = $1`, [id]);
    const insert = (email: string, status: string, n: number | null) =>
      t.ds.query(`INSERT INTO registration (event_id, status, number, last_name, first_name, email, participant_type, token_hash, consent_at) VALUES ($1, $2, $3, 'Онлайн', 'Участник', $4, 'doctor', $5, now())`, [id, status, n, email, `join-${email}`]);
    await insert('online1@example.org', 'confirmed', 1);
    await insert('online2@example.org', 'waiting', 2);
    await insert('online3@example.org', 'pending', null);
    expect(await sendDueJoinLinks(t.ds, new Date())).toBe(1);
    expect(await sendDueJoinLinks(t.ds, new Date())).toBe(0);
    const mail = await queuedMail(t.ds, { kind: 'event_join_link' });
    expect(mail.map((x) => x.toEmail)).toEqual(['online1@example.org']);
    expect(mail[0].text).toContain('https://meet.example.org/congress');
    // an event more than a day away gets nothing yet
    const later = await createEvent(admin, { format: 'online', venue: '', joinUrl: 'https://meet.example.org/later' });
    await t.ds.query(`INSERT INTO registration (event_id, status, number, last_name, first_name, email, participant_type, token_hash, consent_at) VALUES ($1, 'confirmed', 1, 'Поздний', 'Участник', 'later@example.org', 'doctor', 'join-later', now())`, [later.id]);
    expect(await sendDueJoinLinks(t.ds, new Date())).toBe(0);
  });
});
