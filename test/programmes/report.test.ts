import ExcelJS from 'exceljs';
import { signIn, useTestApp, type Agent } from '../support/harness';
import { insertCycle, insertNomination } from '../support/cycle-fixtures';
import { insertParticipant, insertProgramme, insertTrack } from './completion-fixtures';

const binary = (res: NodeJS.ReadableStream, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

/** The cells of a report row, as text. */
const rowOf = (html: string, id: string) => {
  const row = new RegExp(`<tr[^>]*id="${id}"[^>]*>([\\s\\S]*?)</tr>`).exec(html)![1];
  return [...row.matchAll(/<td>([^<]*)<\/td>/g)].map((m) => m[1]);
};

describe("a programme's report and its participants' exports", () => {
  const t = useTestApp();
  let admin: { agent: Agent; csrf: string };
  let cycleId: number;
  let neo: number;
  let cardio: number;

  beforeAll(async () => {
    admin = await signIn(t.app, 'admin@example.org');
    cycleId = await insertProgramme(t.ds, 'completion');
    neo = await insertTrack(t.ds, cycleId, { name: 'Неонатология', host: 'НМИЦ здоровья детей', endDate: '2026-11-27', hours: 144, places: 5 });
    cardio = await insertTrack(t.ds, cycleId, { name: 'Детская кардиология', host: 'Charité Berlin', endDate: '2026-11-20', hours: 72, places: 3, sortOrder: 1 });
    // Неонатология: 2 completed (140 + 144 h), 1 not completed, 1 offered, 1 declined, 1 expired
    await insertParticipant(t.ds, neo, { lastName: 'Аксёнова', status: 'completed', hours: 140 });
    await insertParticipant(t.ds, neo, { lastName: 'Борисова', status: 'completed', hours: 144, municipality: 'Щёлково' });
    await insertParticipant(t.ds, neo, { lastName: '=HYPERLINK("http://evil")', status: 'not_completed', reason: 'Болезнь' });
    await insertParticipant(t.ds, neo, { lastName: 'Григорьева', status: 'offered' });
    await insertParticipant(t.ds, neo, { lastName: 'Дёмина', status: 'declined', municipality: 'Щёлково' });
    await insertParticipant(t.ds, neo, { lastName: 'Егорова', status: 'expired' });
    // Детская кардиология: a delegation from abroad, 1 confirmed, 1 completed (72 h)
    await insertParticipant(t.ds, cardio, { lastName: 'Иванова', status: 'confirmed', organisation: 'Минздрав Республики Беларусь', source: 'delegation' });
    await insertParticipant(t.ds, cardio, { lastName: 'Жукова', status: 'completed', hours: 72, organisation: 'Минздрав Республики Беларусь', source: 'delegation' });
    // applications: 3 sent from Красногорск (the fixture officer's), a draft that does not count
    for (const status of ['submitted', 'accepted', 'rejected', 'draft'] as const) await insertNomination(t.ds, cycleId, null, status);
  });

  it('is linked from the programme page', async () => {
    expect((await admin.agent.get(`/admin/cycles/${cycleId}`)).text).toContain(`href="/admin/cycles/${cycleId}/programme-report"`);
  });

  it('gives places and completion per track: places, offered, confirmed, declined or expired, completed, not completed, hours', async () => {
    const page = await admin.agent.get(`/admin/cycles/${cycleId}/programme-report`);
    expect(page.status).toBe(200);
    expect(rowOf(page.text, `report-track-${neo}`)).toEqual(['5', '1', '3', '2', '2', '1', '284']);
    expect(rowOf(page.text, `report-track-${cardio}`)).toEqual(['3', '0', '2', '0', '1', '0', '72']);
    expect(rowOf(page.text, 'report-track-totals')).toEqual(['8', '1', '5', '2', '3', '1', '356']);
  });

  it('gives applications, places and completions per municipality, and per organisation for a delegation', async () => {
    const page = await admin.agent.get(`/admin/cycles/${cycleId}/programme-report`);
    const rows = [...page.text.matchAll(/<tr class="report-origin"><th scope="row">([^<]*)<\/th><td>(\d+)<\/td><td>(\d+)<\/td><td>(\d+)<\/td><\/tr>/g)].map((m) => m.slice(1));
    expect(rows).toEqual([
      ['Красногорск', '3', '2', '1'],
      ['Минздрав Республики Беларусь', '0', '2', '1'],
      ['Щёлково', '0', '1', '1'],
    ]);
    expect(rowOf(page.text, 'report-origin-totals')).toEqual(['3', '5', '3']);
  });

  it('exports every participant as CSV for Russian Excel, formulas made inert', async () => {
    const res = await admin.agent.get(`/admin/cycles/${cycleId}/participants.csv`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    const lines = res.text.split('\r\n');
    expect(lines[0]).toBe('\uFEFFНаправление;Принимающая организация;Начало;Окончание;ФИО;Должность;Учреждение;Муниципалитет или организация;Email;Откуда;Статус;Часы;Причина или примечание');
    expect(lines).toHaveLength(1 + 8 + 1);
    const [first] = lines.slice(1).filter((l) => l.includes('HYPERLINK'));
    expect(first).toMatch(/^Неонатология;НМИЦ здоровья детей;2026-11-02;2026-11-27;"'=HYPERLINK\(""http:\/\/evil""\) Мария Петровна";Врач-педиатр;Детская больница;Красногорск;[0-9a-f]+@example.org;по распределению;обучение не пройдено;;Болезнь$/);
    expect(lines.some((l) => l.startsWith('Детская кардиология;Charité Berlin;') && l.includes(';Минздрав Республики Беларусь;') && l.includes(';в составе делегации;обучение пройдено;72;'))).toBe(true);
  });

  it('exports the same as XLSX', async () => {
    const res = await admin.agent.get(`/admin/cycles/${cycleId}/participants.xlsx`).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.body as Buffer);
    const sheet = book.worksheets[0];
    expect(sheet.name).toBe('Участники');
    const text = (v: ExcelJS.CellValue) => (v && typeof v === 'object' && 'richText' in v ? v.richText.map((r) => r.text).join('') : v);
    const rows = sheet.getSheetValues().slice(2).map((r) => (r as ExcelJS.CellValue[]).slice(1).map(text));
    expect(rows).toHaveLength(8);
    const akseonova = rows.find((r) => String(r[4]).startsWith('Аксёнова'))!;
    expect(akseonova).toEqual(['Неонатология', 'НМИЦ здоровья детей', '2026-11-02', '2026-11-27', 'Аксёнова Мария Петровна', 'Врач-педиатр', 'Детская больница', 'Красногорск', expect.stringMatching(/@example.org$/), 'по распределению', 'обучение пройдено', 140]);
    expect(rows.find((r) => String(r[4]).includes('HYPERLINK'))![4]).toBe(`'=HYPERLINK("http://evil") Мария Петровна`);
  });

  it('is only a programme’s: an award’s id is not found', async () => {
    const award = await insertCycle(t.ds);
    expect((await admin.agent.get(`/admin/cycles/${award}/programme-report`)).status).toBe(404);
    expect((await admin.agent.get(`/admin/cycles/${award}/participants.csv`)).status).toBe(404);
  });
});
