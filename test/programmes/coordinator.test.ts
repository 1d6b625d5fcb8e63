import ExcelJS from 'exceljs';
import { signIn, useTestApp, type Agent } from '../support/harness';
import { insertCoordinator, insertParticipant, insertProgramme, insertTrack, PDF, statusOf } from './completion-fixtures';

const binary = (res: NodeJS.ReadableStream, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

describe("a host coordinator marks their institution's tracks, and keeps their attendance sheets", () => {
  const t = useTestApp();
  let coordinator: { agent: Agent; csrf: string };
  let admin: { agent: Agent; csrf: string };
  let ownTrack: number;
  let foreignTrack: number;
  let own: number;
  let foreign: number;

  beforeAll(async () => {
    const cycleId = await insertProgramme(t.ds, 'completion');
    ownTrack = await insertTrack(t.ds, cycleId, { name: 'Неонатология', host: 'ФГАУ «НМИЦ здоровья детей» Минздрава России', endDate: '2026-11-27' });
    foreignTrack = await insertTrack(t.ds, cycleId, { name: 'Детская хирургия', host: 'НИИ неотложной детской хирургии и травматологии', endDate: '2026-11-27', sortOrder: 1 });
    own = await insertParticipant(t.ds, ownTrack, { lastName: 'Ёлкина', status: 'confirmed' });
    foreign = await insertParticipant(t.ds, foreignTrack, { lastName: 'Жукова', status: 'confirmed' });
    // typed by the admin with other quotes, case and spacing: the same institution, normalised
    const { email } = await insertCoordinator(t.ds, 'фгау "НМИЦ  здоровья детей" минздрава россии');
    coordinator = await signIn(t.app, email);
    admin = await signIn(t.app, 'admin@example.org');
  });

  it('is invited by the admin with the host institution, which the form requires for this role and explains', async () => {
    const form = await admin.agent.get('/admin/users/new');
    expect(form.text).toContain('Для координатора принимающей организации: её название, как оно указано в направлениях программ');
    const [{ id: municipalityId }] = await t.ds.query(`SELECT id FROM municipality WHERE name = 'Красногорск'`);
    const base = { _csrf: admin.csrf, email: 'host-coordinator@example.org', fullName: 'Зуева Инна Олеговна', role: 'coordinator', municipalityId: String(municipalityId) };
    const refused = await admin.agent.post('/admin/users').type('form').send({ ...base, institution: '' });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('value="Зуева Инна Олеговна"');
    expect(refused.text).toMatch(/id="institution-error">[^<]+</);
    const res = await admin.agent.post('/admin/users').type('form').send({ ...base, institution: 'НМИЦ здоровья детей' });
    expect(res.status).toBe(200);
    expect(await t.ds.query(`SELECT role, institution FROM app_user WHERE email = 'host-coordinator@example.org'`)).toEqual([{ role: 'coordinator', institution: 'НМИЦ здоровья детей' }]);
  });

  it('lands on a list of the tracks their institution hosts, with how many participants are marked', async () => {
    const page = await coordinator.agent.get('/coordinator');
    expect(page.status).toBe(200);
    expect(page.text).toContain(`href="/coordinator/tracks/${ownTrack}"`);
    expect(page.text).toContain('Неонатология');
    expect(page.text).not.toContain('Детская хирургия');
  });

  it('marks a participant of their own track', async () => {
    const res = await coordinator.agent.post(`/coordinator/tracks/${ownTrack}`).type('form').send({ _csrf: coordinator.csrf, [`outcome_${own}`]: 'complete', [`hours_${own}`]: '144' });
    expect(res.status).toBe(303);
    expect((await statusOf(t.ds, own)).status).toBe('completed');
    expect((await coordinator.agent.get('/coordinator')).text).toMatch(new RegExp(`id="track-${ownTrack}"[\\s\\S]*?<td>1</td>\\s*<td>1</td>`));
  });

  it('finds nothing of another institution’s tracks (404), and cannot use the admin’s pages (403)', async () => {
    expect((await coordinator.agent.get(`/coordinator/tracks/${foreignTrack}`)).status).toBe(404);
    const post = await coordinator.agent.post(`/coordinator/tracks/${foreignTrack}`).type('form').send({ _csrf: coordinator.csrf, [`outcome_${foreign}`]: 'complete', [`hours_${foreign}`]: '144' });
    expect(post.status).toBe(404);
    expect((await statusOf(t.ds, foreign)).status).toBe('confirmed');
    expect((await coordinator.agent.get(`/admin/tracks/${ownTrack}/completion`)).status).toBe(403);
  });

  it('uploads an attendance sheet (PDF or XLSX), listed with who and when, downloadable by them and the admin', async () => {
    const res = await coordinator.agent.post(`/coordinator/tracks/${ownTrack}/attendance`).field('_csrf', coordinator.csrf).attach('file', PDF, { filename: 'Табель ноябрь.pdf', contentType: 'application/pdf' });
    expect(res.status).toBe(303);
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Табель').addRow(['ФИО', 'Часы']);
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    expect((await coordinator.agent.post(`/coordinator/tracks/${ownTrack}/attendance`).field('_csrf', coordinator.csrf).attach('file', xlsx, { filename: 'Табель.xlsx' })).status).toBe(303);
    const sheets = await t.ds.query(`SELECT id, file_name, mime, size FROM track_attendance_sheet WHERE track_id = $1 ORDER BY id`, [ownTrack]);
    expect(sheets.map((s: { file_name: string; mime: string }) => [s.file_name, s.mime])).toEqual([
      ['Табель ноябрь.pdf', 'application/pdf'],
      ['Табель.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ]);
    const page = await coordinator.agent.get(`/coordinator/tracks/${ownTrack}`);
    expect(page.text).toContain('Табель ноябрь.pdf');
    expect(page.text).toContain('Короленко Анна Сергеевна');
    const mine = await coordinator.agent.get(`/coordinator/tracks/${ownTrack}/attendance/${sheets[0].id}`).buffer(true).parse(binary);
    expect(mine.status).toBe(200);
    expect(mine.headers['content-disposition']).toMatch(/^attachment;/);
    expect(Buffer.compare(mine.body as Buffer, PDF)).toBe(0);
    const admins = await admin.agent.get(`/admin/tracks/${ownTrack}/completion/attendance/${sheets[1].id}`).buffer(true).parse(binary);
    expect(Buffer.compare(admins.body as Buffer, xlsx)).toBe(0);
    const [audit] = await t.ds.query(`SELECT action FROM audit_event WHERE entity = 'track' AND entity_id = $1 ORDER BY id LIMIT 1`, [String(ownTrack)]);
    expect(audit.action).toBe('track.attendanceSheetUploaded');
  });

  it('refuses a file that is not a PDF, image or spreadsheet with 400, saying why, and stores nothing', async () => {
    const before = (await t.ds.query(`SELECT count(*)::int AS n FROM track_attendance_sheet`))[0].n;
    const res = await coordinator.agent.post(`/coordinator/tracks/${ownTrack}/attendance`).field('_csrf', coordinator.csrf).attach('file', Buffer.from('ФИО;Часы\n'), { filename: 'табель.pdf' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('Файл «табель.pdf» не является PDF, JPEG, PNG или XLSX');
    const zip = await coordinator.agent.post(`/coordinator/tracks/${ownTrack}/attendance`).field('_csrf', coordinator.csrf).attach('file', Buffer.from('PK\x03\x04 not a spreadsheet'), { filename: 'табель.xlsx' });
    expect(zip.status).toBe(400);
    const none = await coordinator.agent.post(`/coordinator/tracks/${ownTrack}/attendance`).field('_csrf', coordinator.csrf);
    expect(none.status).toBe(400);
    expect(none.text).toContain('Выберите файл табеля.');
    expect((await t.ds.query(`SELECT count(*)::int AS n FROM track_attendance_sheet`))[0].n).toBe(before);
  });

  it('downloads no sheet of another track, even by a sheet id that exists', async () => {
    const [sheet] = await t.ds.query(`SELECT id FROM track_attendance_sheet WHERE track_id = $1 LIMIT 1`, [ownTrack]);
    await t.ds.query(`INSERT INTO track_attendance_sheet (track_id, file_name, mime, size, sha256, data) VALUES ($1, 'x.pdf', 'application/pdf', $2, 'x', $3)`, [foreignTrack, PDF.length, PDF]);
    const [other] = await t.ds.query(`SELECT id FROM track_attendance_sheet WHERE track_id = $1`, [foreignTrack]);
    expect((await coordinator.agent.get(`/coordinator/tracks/${foreignTrack}/attendance/${other.id}`)).status).toBe(404);
    expect((await coordinator.agent.get(`/coordinator/tracks/${foreignTrack}/attendance/${sheet.id}`)).status).toBe(404);
    expect((await admin.agent.get(`/admin/tracks/${foreignTrack}/completion/attendance/${sheet.id}`)).status).toBe(404);
  });
});
