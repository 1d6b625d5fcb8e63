import request from 'supertest';
import { signIn, useTestApp, type Agent } from '../support/harness';
import { createCycle } from '../support/fixtures';
import { insertNomination } from '../support/cycle-fixtures';
import { readZip } from '../support/zip-reader';
import { flat, pdfInfo, pdfText } from './scene';
import { publish } from '../../src/domain-events';
import { moveParticipant } from '../../src/programmes/participant-lifecycle';

describe('certificates of completion of a programme (issue 12)', () => {
  const t = useTestApp();
  let admin: { agent: Agent; csrf: string };
  let cycleId: number;
  let awardId: number;
  let neonatology: number;
  let helsinki: number;
  const people: Record<string, number> = {};
  const binary = (res: request.Response, cb: (err: Error | null, body: Buffer) => void) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => cb(null, Buffer.concat(chunks)));
  };
  const certificates = () =>
    t.ds.query(`SELECT id, seq, number, code, holder_name, participant_id, nomination_id, revoked_at, revoked_reason, replaced_by_id, printed FROM certificate WHERE cycle_id = $1 ORDER BY seq`, [cycleId]);
  const certificateOf = async (who: string) => (await certificates()).filter((c: { participant_id: number }) => c.participant_id === people[who]);

  async function track(name: string, host: string, city: string, country: string, start: string, end: string, hours: number, sortOrder: number): Promise<number> {
    const [row] = await t.ds.query(
      `INSERT INTO track (cycle_id, name, host_institution, city, country, start_date, end_date, academic_hours, format, places, place_method, sort_order)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'in_person', 10, 'competitive', $9) RETURNING id`,
      [cycleId, name, host, city, country, start, end, hours, sortOrder],
    );
    return row.id;
  }

  async function participant(key: string, trackId: number, p: { last: string; first: string; patronymic?: string; status: string; hours?: number; organisation?: string; nominationId?: number }) {
    const [{ id: municipality }] = await t.ds.query(`SELECT id FROM municipality WHERE name = 'Красногорск'`);
    const [row] = await t.ds.query(
      `INSERT INTO participant (track_id, last_name, first_name, patronymic, position, institution, municipality_id, organisation, email, source, status, hours_attended, nomination_id)
       VALUES ($1, $2, $3, $4, 'врач-педиатр участковый', 'Красногорская городская поликлиника № 2', $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
      [trackId, p.last, p.first, p.patronymic ?? '', p.organisation ? null : municipality, p.organisation ?? '', `${key}@example.org`, p.organisation ? 'delegation' : 'allocation', p.status, p.hours ?? null, p.nominationId ?? null],
    );
    people[key] = row.id;
  }

  beforeAll(async () => {
    admin = await signIn(t.app, 'admin@example.org');
    ({ cycle: { id: cycleId } } = await createCycle(t.ds, { kind: 'programme', status: 'completion', code: 'STAJ', year: 2027, name: 'Наш детский врач — стажировки 2027', categories: [] }));
    ({ cycle: { id: awardId } } = await createCycle(t.ds, { status: 'published', code: 'AWRD' }));
    neonatology = await track('Неонатология', 'НМИЦ здоровья детей', 'Москва', 'Россия', '2027-03-01', '2027-03-26', 144, 0);
    helsinki = await track('Детская кардиология', 'Helsinki University Hospital', 'Хельсинки', 'Финляндия', '2027-02-22', '2027-03-19', 72, 1);
    const application = await insertNomination(t.ds, cycleId, null, 'accepted');
    await participant('ivanova', neonatology, { last: 'Иванова', first: 'Мария', patronymic: 'Петровна', status: 'completed', hours: 140 });
    await participant('petrov', neonatology, { last: 'Петров', first: 'Олег', patronymic: 'Иванович', status: 'confirmed' });
    await participant('sidorova', neonatology, { last: 'Сидорова', first: 'Анна', patronymic: 'Олеговна', status: 'not_completed' });
    await participant('delegate', helsinki, { last: 'Nurlanov', first: 'Aidar', status: 'completed', hours: 72, organisation: 'Республиканский детский центр, Астана' });
    await participant('applicant', helsinki, { last: 'Смирнова', first: 'Елена', patronymic: 'Викторовна', status: 'completed', hours: 70, nominationId: application });
  });

  it('offers only certificates of completion on a programme’s certificates page, and none on an award’s', async () => {
    const page = await admin.agent.get(`/admin/cycles/${cycleId}/certificates`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Выдать сертификаты завершившим');
    expect(page.text).not.toContain('Выдать дипломы победителям');
    expect((await admin.agent.get(`/admin/cycles/${cycleId}/certificates/templates/winner`)).status).toBe(404);
    expect((await admin.agent.get(`/admin/cycles/${cycleId}/certificates/templates/completion`)).status).toBe(200);
    const award = await admin.agent.get(`/admin/cycles/${awardId}/certificates`);
    expect(award.text).not.toContain('Выдать сертификаты завершившим');
    expect((await admin.agent.get(`/admin/cycles/${awardId}/certificates/templates/completion`)).status).toBe(404);
    const wrong = await admin.agent.post(`/admin/cycles/${cycleId}/certificates/issue`).type('form').send({ _csrf: admin.csrf, kind: 'winner' });
    expect(wrong.status).toBe(400);
  });

  it('issues certificates by the admin’s button to the completed participants only, numbered without gaps', async () => {
    const res = await admin.agent.post(`/admin/cycles/${cycleId}/certificates/issue`).type('form').send({ _csrf: admin.csrf, kind: 'completion' });
    expect(res.status).toBe(303);
    const rows = await certificates();
    expect(rows.map((r: { number: string }) => r.number)).toEqual(['STAJ-2027-0001', 'STAJ-2027-0002', 'STAJ-2027-0003']);
    expect(rows.map((r: { participant_id: number }) => r.participant_id).sort()).toEqual([people.ivanova, people.delegate, people.applicant].sort());
    const [ivanova] = await certificateOf('ivanova');
    expect(ivanova.holder_name).toBe('Иванова Мария Петровна');
    expect(ivanova.printed).toMatchObject({ 'track.name': 'Неонатология', 'track.host': 'НМИЦ здоровья детей', 'track.period': 'с 1 по 26 марта 2027 г.', hours: '140', 'participant.passed': 'прошла' });
    const [delegate] = await certificateOf('delegate');
    expect(delegate.printed).toMatchObject({ 'participant.municipality': 'Республиканский детский центр, Астана', 'track.period': 'с 22 февраля по 19 марта 2027 г.', 'participant.passed': 'прошёл(а)' });
    // the applicant's certificate belongs to their application too (its consents apply)
    expect((await certificateOf('applicant'))[0].nomination_id).not.toBeNull();
    const again = await admin.agent.post(`/admin/cycles/${cycleId}/certificates/issue`).type('form').send({ _csrf: admin.csrf, kind: 'completion' });
    expect(again.status).toBe(303);
    expect(await certificates()).toHaveLength(3);
  });

  it('mails each holder the links of their certificate, in Russian, at the address they were listed with', async () => {
    const mails = await t.ds.query(`SELECT to_email, language, subject, text FROM mail_message WHERE kind = 'certificate_completion' ORDER BY id`);
    expect(mails.map((m: { to_email: string }) => m.to_email).sort()).toEqual(['applicant@example.org', 'delegate@example.org', 'ivanova@example.org']);
    const [ivanova] = await certificateOf('ivanova');
    const mail = mails.find((m: { to_email: string }) => m.to_email === 'ivanova@example.org');
    expect(mail.language).toBe('ru');
    expect(mail.subject).toBe('Сертификат о прохождении стажировки — «Неонатология»');
    expect(mail.text).toContain('Здравствуйте, Иванова Мария Петровна!');
    expect(mail.text).toContain(`/verify/${ivanova.code}`);
    expect(mail.text).toContain(`/certificates/${ivanova.code}.pdf`);
  });

  it('issues the certificate in the transaction that marks a participant completed, and mails it', async () => {
    await t.ds.transaction(async (m) => {
      await m.query(`UPDATE participant SET hours_attended = 144 WHERE id = $1`, [people.petrov]);
      await moveParticipant(m, { id: people.petrov, status: 'confirmed', trackId: neonatology }, 'complete', { actorId: null, cycleId });
      await publish(m, 'participant.completed', { cycleId, trackId: neonatology, participantIds: [people.petrov], actorId: null, at: new Date() });
    });
    const [petrov] = await certificateOf('petrov');
    expect(petrov.number).toBe('STAJ-2027-0004');
    expect(petrov.printed['participant.passed']).toBe('прошёл');
    expect(await t.ds.query(`SELECT 1 FROM mail_message WHERE kind = 'certificate_completion' AND to_email = 'petrov@example.org'`)).toHaveLength(1);
  });

  it('verifies at /verify/CODE with the programme, the track, the host, the dates and the hours', async () => {
    const [ivanova] = await certificateOf('ivanova');
    const page = await request(t.app).get(`/verify/${ivanova.code}`);
    expect(page.status).toBe(200);
    const text = flat(page.text);
    for (const shown of ['Документ действителен', 'Иванова Мария Петровна', 'Сертификат о прохождении стажировки', 'Неонатология', 'НМИЦ здоровья детей', 'Москва, Россия', 'с 1 по 26 марта 2027 г.', '140 из 144 академических часов', 'Наш детский врач — стажировки 2027']) {
      expect(text).toContain(shown);
    }
    // a delegate has no application: shown as printed
    const [delegate] = await certificateOf('delegate');
    expect((await request(t.app).get(`/verify/${delegate.code}`)).text).toContain('Nurlanov Aidar');
  });

  it('hides an applicant’s name as their application’s publication consent says (none given here)', async () => {
    const [applicant] = await certificateOf('applicant');
    const page = await request(t.app).get(`/verify/${applicant.code}`);
    expect(page.text).not.toContain('Смирнова');
    expect(page.text).toContain('данные не публикуются');
    expect(page.text).toContain('Детская кардиология');
    const pdf = await request(t.app).get(`/certificates/${applicant.code}.pdf`).buffer(true).parse(binary);
    expect(pdf.status).toBe(200);
    expect(flat(pdfText(pdf.body))).not.toContain('Смирнова');
  });

  it('serves the public PDF, whose text holds the holder, the track, the host and the hours', async () => {
    const [ivanova] = await certificateOf('ivanova');
    const res = await request(t.app).get(`/certificates/${ivanova.code}.pdf`).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const text = flat(pdfText(res.body));
    for (const shown of ['Иванова Мария Петровна', 'прошла стажировку «Неонатология»', 'НМИЦ здоровья детей', '140 академических часов', 'STAJ-2027-0001']) expect(text).toContain(shown);
  });

  it('downloads the programme’s certificates as a ZIP of one PDF per holder, and as one PDF for printing', async () => {
    const zip = await admin.agent.get(`/admin/cycles/${cycleId}/certificates.zip?kind=completion`).buffer(true).parse(binary);
    expect(zip.status).toBe(200);
    const entries = readZip(zip.body);
    expect([...entries.keys()]).toHaveLength(4);
    expect([...entries.keys()]).toContain('STAJ-2027-0001 Иванова М.П..pdf');
    for (const pdf of entries.values()) expect(pdfInfo(pdf).Pages).toBe('1');
    const merged = await admin.agent.get(`/admin/cycles/${cycleId}/certificates.pdf`).buffer(true).parse(binary);
    expect(pdfInfo(merged.body).Pages).toBe('4');
  });

  it('revokes a certificate, with the reason, when the outcome is changed back, and re-issues one for corrected hours', async () => {
    const [sidorovaBefore] = await certificateOf('sidorova');
    expect(sidorovaBefore).toBeUndefined();
    // the host corrects two outcomes: Петров did not complete after all, Иванова attended 136 hours
    await t.ds.transaction(async (m) => {
      await m.query(`UPDATE participant SET status = 'not_completed', outcome_reason = 'Не посещал занятия' WHERE id = $1`, [people.petrov]);
      await m.query(`UPDATE participant SET hours_attended = 136 WHERE id = $1`, [people.ivanova]);
      await publish(m, 'participant.outcomeChanged', { cycleId, trackId: neonatology, participantIds: [people.petrov, people.ivanova], reason: 'Исправлены итоги стажировки по ведомости', actorId: null, at: new Date() });
    });
    const [petrov] = await certificateOf('petrov');
    expect(petrov.revoked_at).not.toBeNull();
    expect(petrov.revoked_reason).toBe('Исправлены итоги стажировки по ведомости');
    expect(petrov.replaced_by_id).toBeNull();
    const verify = await request(t.app).get(`/verify/${petrov.code}`);
    expect(verify.text).toContain('Документ отозван');
    expect(verify.text).toContain('Исправлены итоги стажировки по ведомости');
    const [old, fresh] = await certificateOf('ivanova');
    expect(old.revoked_at).not.toBeNull();
    expect(old.replaced_by_id).toBe(fresh.id);
    expect(fresh.number).toBe('STAJ-2027-0005');
    expect(fresh.printed.hours).toBe('136');
    expect((await request(t.app).get(`/verify/${old.code}`)).text).toContain('STAJ-2027-0005');
  });

  it('re-issues a certificate by the admin’s hand, with a new number, the old one pointing to it', async () => {
    const [delegate] = await certificateOf('delegate');
    const res = await admin.agent.post(`/admin/certificates/${delegate.id}/reissue`).type('form').send({ _csrf: admin.csrf, reason: 'Исправлено написание организации' });
    expect(res.status).toBe(303);
    const [old, fresh] = await certificateOf('delegate');
    expect(old.replaced_by_id).toBe(fresh.id);
    expect(old.revoked_reason).toBe('Исправлено написание организации');
    expect(fresh.number).toBe('STAJ-2027-0006');
    expect((await admin.agent.get(`/admin/certificates/${fresh.id}`)).text).toContain('Детская кардиология');
  });

  it('issues nothing while the programme is still in training, by the event or by the button', async () => {
    await t.ds.query(`UPDATE cycle SET status = 'training' WHERE id = $1`, [cycleId]);
    try {
      await t.ds.query(`UPDATE participant SET status = 'completed', hours_attended = 100 WHERE id = $1`, [people.sidorova]);
      await t.ds.transaction((m) => publish(m, 'participant.completed', { cycleId, trackId: neonatology, participantIds: [people.sidorova], actorId: null, at: new Date() }));
      expect(await certificateOf('sidorova')).toHaveLength(0);
      const page = await admin.agent.get(`/admin/cycles/${cycleId}/certificates`);
      expect(page.text).toContain('Сертификаты выдаются, когда программа на этапе завершения или закрыта.');
      const res = await admin.agent.post(`/admin/cycles/${cycleId}/certificates/issue`).type('form').send({ _csrf: admin.csrf, kind: 'completion' });
      expect(res.status).toBe(303);
      expect((await admin.agent.get(res.headers.location)).text).toContain('Программа ещё не на этапе завершения');
      expect(await certificateOf('sidorova')).toHaveLength(0);
    } finally {
      await t.ds.query(`UPDATE cycle SET status = 'completion' WHERE id = $1`, [cycleId]);
    }
  });
});
