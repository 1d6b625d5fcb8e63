import { csrfOf, signIn, useTestApp } from '../support/harness';
import { userId } from '../support/fixtures';
import { textOf } from '../support/officer-forms';
import { readZip } from '../support/zip-reader';
import { ERASED_NAME } from '../../src/consent/person-data-erase';
import { bigDocument, count, nomineeOf, personNomination, publishedCycle } from './person-scene';

const binary = (res: NodeJS.ReadableStream, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

describe("a person's data on request", () => {
  const t = useTestApp();
  let admin: Awaited<ReturnType<typeof signIn>>;
  let winner: Awaited<ReturnType<typeof personNomination>>;
  let participant: Awaited<ReturnType<typeof personNomination>>;
  let namesake: Awaited<ReturnType<typeof personNomination>>;
  let portfolio: Buffer;
  const person = { lastName: 'Сидорова', firstName: 'Анна', patronymic: 'Игоревна', phone: '+7 905 555-55-55', email: 'sidorova@example.org' };

  beforeAll(async () => {
    admin = await signIn(t.app, 'admin@example.org');
    const first = await publishedCycle(t.ds, new Date('2024-06-01T09:00:00Z'));
    const second = await publishedCycle(t.ds, new Date('2025-06-01T09:00:00Z'));
    participant = await personNomination(t.ds, { cycleId: first.cycle.id, categoryId: first.category.id, criterionId: first.criterionId, status: 'not_awarded', nominee: person });
    winner = await personNomination(t.ds, { cycleId: second.cycle.id, categoryId: second.category.id, criterionId: second.criterionId, status: 'winner', place: 1, nominee: person });
    namesake = await personNomination(t.ds, { cycleId: second.cycle.id, categoryId: second.category.id, criterionId: second.criterionId, status: 'not_awarded', municipality: 'Щёлково', nominee: { ...person, email: 'other@example.org' } });
    // three pieces in the store: the archive streams them one by one
    portfolio = await bigDocument(t.ds, participant.id, 600 * 1024);
    // a second juror's scorecard, so the aggregate is a mean of two
    const [card] = await t.ds.query(
      `INSERT INTO scorecard (juror_id, nomination_id, status, weighted_total, submitted_at) VALUES ($1, $2, 'submitted', 9, now()) RETURNING id`,
      [await userId(t.ds, 'juror2@example.org'), participant.id],
    );
    await t.ds.query(`INSERT INTO score (scorecard_id, criterion_id, value) VALUES ($1, $2, 9)`, [card.id, first.criterionId]);
    // the person is also a user of the app and got a message
    await t.ds.query(
      `INSERT INTO mail_message (kind, to_email, language, subject, text, html, status, idempotency_key) VALUES ('broadcast', 'Sidorova@example.org', 'ru', 'Приглашение на церемонию', 'Ждём вас', '<p>Ждём вас</p>', 'sent', 'broadcast:test:1')`,
    );
  });

  const query = (ids: number[]) => ids.map((id) => `n=${id}`).join('&');

  it('is found by name, grouped by municipality, each nomination ticked for the admin to confirm', async () => {
    const res = await admin.agent.get('/admin/personal-data').query({ q: 'сидорова  АННА' });
    expect(res.status).toBe(200);
    const forms = res.text.split('<form method="get" action="/admin/personal-data/person"').slice(1);
    expect(forms).toHaveLength(2);
    const ticked = (html: string) => [...html.matchAll(/name="n" value="(\d+)" checked/g)].map((m) => Number(m[1])).sort((a, b) => a - b);
    expect(forms.map(ticked)).toEqual(expect.arrayContaining([[participant.id, winner.id].sort((a, b) => a - b), [namesake.id]]));
    expect(textOf(res.text)).toContain('Срок хранения: данные заявок, не ставших победителями, обезличиваются через 5 лет');
  });

  it('is reached from the dashboard', async () => {
    expect((await admin.agent.get('/admin')).text).toContain('href="/admin/personal-data"');
  });

  it('shows everything stored, scores only in aggregate', async () => {
    const res = await admin.agent.get(`/admin/personal-data/person?${query([participant.id, winner.id])}`);
    expect(res.status).toBe(200);
    const text = textOf(res.text);
    expect(text).toContain('sidorova@example.org');
    expect(text).toContain('+7 905 555-55-55');
    expect(text).toContain('2 оценочных листа, средний итог 8');
    expect(text).toContain('Приглашение на церемонию');
    expect(text).toContain('Победитель: запись хранится как архив министерства');
    expect(text).not.toContain('сильная заявка');
  });

  it('downloads as one ZIP: a JSON of everything and the documents, byte for byte, no juror named', async () => {
    const page = await admin.agent.get(`/admin/personal-data/person?${query([participant.id, winner.id])}`);
    const res = await admin.agent.post('/admin/personal-data/export.zip').type('form').send(`_csrf=${csrfOf(page.text)}&n=${participant.id}&n=${winner.id}`).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="personal-data-\d{4}-\d{2}-\d{2}\.zip"/);
    const zip = readZip(res.body as Buffer);
    const data = JSON.parse(zip.get('person.json')!.toString('utf8'));
    expect(data.nominations.map((n: { id: number }) => n.id)).toEqual([participant.id, winner.id]);
    const p = data.nominations[0];
    expect(p.nominee).toMatchObject({ lastName: 'Сидорова', phone: '+7 905 555-55-55', email: 'sidorova@example.org' });
    expect(p.achievements).toContain('Двадцать лет');
    expect(p.scores).toEqual({ scorecards: 2, meanTotal: 8, criteria: [{ name: 'Достижения', mean: 8 }] });
    expect(p.certificates).toEqual([expect.objectContaining({ number: `CERT-${participant.id}`, holderName: participant.fullName })]);
    expect(data.nominations[1]).toMatchObject({ archive: true, place: 1 });
    expect(data.messages).toEqual([expect.objectContaining({ subject: 'Приглашение на церемонию', toEmail: 'Sidorova@example.org' })]);
    // the jurors are neither named nor identified, and their comments are not the person's data
    const json = zip.get('person.json')!.toString('utf8');
    expect(json).not.toMatch(/Соколова|Белов|juror|сильная заявка/);
    const docs = p.documents as Array<{ id: number; fileName: string }>;
    const big = docs.find((d) => d.fileName === 'Портфолио.pdf')!;
    expect(zip.get(`documents/${participant.id}/${big.id}-Портфолио.pdf`)!.equals(portfolio)).toBe(true);
    expect([...zip.keys()].filter((k) => k.startsWith('documents/'))).toHaveLength(3);
    const [audit] = await t.ds.query(`SELECT data FROM audit_event WHERE action = 'personalData.exported'`);
    expect(audit.data).toEqual({ nominations: [participant.id, winner.id] });
  });

  it('is not found for nominations that do not exist', async () => {
    expect((await admin.agent.get('/admin/personal-data/person?n=99999')).status).toBe(404);
    expect((await admin.agent.post('/admin/personal-data/export.zip').type('form').send(`_csrf=${admin.csrf}&n=abc`)).status).toBe(404);
  });

  it('is erased only after a confirmation, the winner kept as archive', async () => {
    const confirm = await admin.agent.get(`/admin/personal-data/erase?${query([participant.id, winner.id])}`);
    expect(confirm.status).toBe(200);
    const text = textOf(confirm.text);
    expect(text).toMatch(/Будут обезличены .*Сидорова Анна Игоревна/);
    expect(text).toContain('Останутся в архиве');

    const unconfirmed = await admin.agent.post('/admin/personal-data/erase').type('form').send(`_csrf=${csrfOf(confirm.text)}&n=${participant.id}&n=${winner.id}`);
    expect(unconfirmed.status).toBe(400);
    expect(textOf(unconfirmed.text)).toContain('Отметьте подтверждение: удаление нельзя отменить.');
    expect((await nomineeOf(t.ds, participant.id)).last_name).toBe('Сидорова');

    const done = await admin.agent.post('/admin/personal-data/erase').type('form').send(`_csrf=${csrfOf(confirm.text)}&n=${participant.id}&n=${winner.id}&confirm=yes`);
    expect(done.status).toBe(303);
    expect(await nomineeOf(t.ds, participant.id)).toMatchObject({ last_name: ERASED_NAME.request, phone: '', email: '', achievements: '' });
    expect(await count(t.ds, `SELECT count(*)::int AS n FROM attachment WHERE nomination_id = $1`, [participant.id])).toBe(0);
    expect(await nomineeOf(t.ds, winner.id)).toMatchObject({ last_name: 'Сидорова', email: 'sidorova@example.org' });
    expect((await nomineeOf(t.ds, namesake.id)).last_name).toBe('Сидорова');

    const audit = await t.ds.query(`SELECT actor_id, data FROM audit_event WHERE action = 'nomination.personalDataErased' AND entity_id = $1`, [String(participant.id)]);
    expect(audit).toEqual([{ actor_id: await userId(t.ds, 'admin@example.org'), data: { reason: 'request' } }]);

    const page = await admin.agent.get(done.headers.location);
    expect(textOf(page.text)).toContain('Данные 1 заявки обезличены.');
    expect(textOf(page.text)).toContain('Данные удалены по заявлению человека');
  });

  it('finds no one under an erased name any more', async () => {
    const res = await admin.agent.get('/admin/personal-data').query({ q: 'Сидорова' });
    expect(res.text).not.toContain(`value="${participant.id}"`);
  });

  it('is for the admin only', async () => {
    const officer = await signIn(t.app, 'officer@example.org');
    expect((await officer.agent.get('/admin/personal-data')).status).toBe(403);
    expect((await officer.agent.post('/admin/personal-data/export.zip').type('form').send(`_csrf=${officer.csrf}&n=${winner.id}`)).status).toBe(403);
    expect((await officer.agent.get(`/admin/nominations/${winner.id}/consent`)).status).toBe(403);
  });
});
