import ExcelJS from 'exceljs';
import request from 'supertest';
import { signIn, useTestApp, type Agent } from '../support/harness';
import { municipalityId } from '../support/fixtures';
import { listRows } from '../../src/events/registration-exports';
import { insertEvent, insertRegistration } from './afterwards-fixtures';

describe('an event\'s participant lists and figures', () => {
  const t = useTestApp();
  let admin: { agent: Agent; csrf: string };
  let eventId: number;
  const binary = (res: request.Response, cb: (err: Error | null, body: Buffer) => void) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => cb(null, Buffer.concat(chunks)));
  };

  beforeAll(async () => {
    admin = await signIn(t.app, 'admin@example.org');
    const krasnogorsk = await municipalityId(t.ds, 'Красногорск');
    eventId = await insertEvent(t.ds, { name: 'Форум «Здоровье города»' });
    await insertRegistration(t.ds, eventId, { lastName: 'Белоусова', email: 'belousova@example.org', phone: '+7 916 000-00-00', municipalityId: krasnogorsk, checkedIn: true });
    await insertRegistration(t.ds, eventId, { lastName: '=HYPERLINK("http://evil")', municipalityId: krasnogorsk });
    await insertRegistration(t.ds, eventId, { lastName: 'Гостева', participantType: 'speaker', region: 'Тверская область', municipalityText: 'Тверь', checkedIn: true });
    await insertRegistration(t.ds, eventId, { lastName: 'Ждущая', status: 'waiting', region: ' тверская область ', municipalityText: 'Тверь' });
    await insertRegistration(t.ds, eventId, { lastName: 'Отменившая', status: 'cancelled', region: '' });
    await insertRegistration(t.ds, eventId, { lastName: 'Неподтверждённая', status: 'pending' });
  });

  it('lists every registration as CSV, numbered first, formulas made inert', async () => {
    const res = await admin.agent.get(`/admin/events/${eventId}/registrations.csv`).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('Участники — Форум «Здоровье города».csv')}`);
    const lines = (res.body as Buffer).toString('utf8').replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines[0]).toBe('№;Статус;Категория участника;Фамилия;Имя;Отчество;Эл. почта;Телефон;Организация;Должность;Специальность;Регион;Муниципалитет;Зарегистрирован (московское время);Подтверждён (московское время);Отмечен на входе (московское время)');
    expect(lines).toHaveLength(7);
    expect(lines[1]).toMatch(/^1;зарегистрирован;врач;Белоусова;Мария;Петровна;belousova@example\.org;'\+7 916 000-00-00;ГБУЗ МО «Областная детская больница»;;;Московская область;Красногорск;\d{4}-\d\d-\d\d \d\d:\d\d;\d{4}-\d\d-\d\d \d\d:\d\d;\d{4}-\d\d-\d\d \d\d:\d\d$/);
    expect(lines[2]).toContain(`;"'=HYPERLINK(""http://evil"")";`);
    expect(lines[3]).toMatch(/^3;зарегистрирован;докладчик;Гостева;.*;Тверская область;Тверь;/);
    expect(lines[4]).toMatch(/^4;в листе ожидания;врач;Ждущая;/);
    expect(lines.slice(5).map((l) => l.split(';').slice(0, 4).join(';'))).toEqual([';отменена;врач;Отменившая', ';ждёт подтверждения адреса;врач;Неподтверждённая']);
  });

  it('lists the same as XLSX', async () => {
    const res = await admin.agent.get(`/admin/events/${eventId}/registrations.xlsx`).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.name).toBe('Участники');
    expect(sheet.rowCount).toBe(7);
    expect(sheet.getRow(2).getCell(1).value).toBe(1);
    expect(sheet.getRow(2).getCell(4).text).toBe('Белоусова');
    expect(sheet.getRow(3).getCell(4).text).toBe(`'=HYPERLINK("http://evil")`);
    expect(sheet.getRow(2).getCell(16).text).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d$/);
  });

  it('reads the rows in batches without losing or repeating any', async () => {
    const ids: number[] = [];
    for await (const row of await listRows(t.ds.manager, eventId, 2)) ids.push(row.id);
    expect(ids).toHaveLength(6);
    expect(new Set(ids).size).toBe(6);
  });

  it('shows the figures by type, region and municipality', async () => {
    const res = await admin.agent.get(`/admin/events/${eventId}/figures`);
    expect(res.status).toBe(200);
    const text = res.text.replace(/\s+/g, ' ');
    expect(text).toContain('<th scope="col" class="num">всего</th><th scope="col" class="num">с местом</th><th scope="col" class="num">пришли</th><th scope="col" class="num">ждут места</th><th scope="col" class="num">не подтвердили адрес</th><th scope="col" class="num">приглашены</th><th scope="col" class="num">отменили</th>');
    const row = (label: string) => new RegExp(`<th scope="row">${label}</th>((?:<td class="num">\\d+</td>){7})`).exec(text)?.[1].match(/\d+/g)?.map(Number);
    expect(row('врач')).toEqual([5, 2, 1, 1, 1, 0, 1]);
    expect(row('докладчик')).toEqual([1, 1, 1, 0, 0, 0, 0]);
    expect(row('Московская область')).toEqual([3, 2, 1, 0, 1, 0, 0]);
    expect(row('Тверская область')).toEqual([2, 1, 1, 1, 0, 0, 0]);
    expect(row('Красногорск')).toEqual([2, 2, 1, 0, 0, 0, 0]);
    expect(row('Тверь')).toEqual([2, 1, 1, 1, 0, 0, 0]);
    expect(text).toContain('<em class="muted">не указан</em>');
  });

  it('is the admin\'s only', async () => {
    const officer = await signIn(t.app, 'officer@example.org');
    for (const path of ['registrations.csv', 'registrations.xlsx', 'figures']) {
      expect((await officer.agent.get(`/admin/events/${eventId}/${path}`)).status).toBe(403);
      expect((await request(t.app).get(`/admin/events/${eventId}/${path}`)).status).not.toBe(200);
    }
    expect((await admin.agent.get(`/admin/events/999999/figures`)).status).toBe(404);
  });
});
