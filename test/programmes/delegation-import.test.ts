import { deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { signIn, useTestApp, type Agent } from '../support/harness';
import { nextCycleCode } from '../support/fixtures';

const HEADER_RU = 'ФИО;Должность;Учреждение;Муниципалитет;Организация;Email';

/** A zip of one part that inflates to `bytes` of spaces: a few kilobytes on the wire (a zip bomb). */
function zipBomb(bytes: number): Buffer {
  const name = Buffer.from('xl/worksheets/sheet1.xml');
  const data = deflateRawSync(Buffer.alloc(bytes, 0x20), { level: 9 });
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(bytes, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(bytes, 24);
  central.writeUInt16LE(name.length, 28);
  const cdOffset = local.length + name.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + name.length, 12);
  end.writeUInt32LE(cdOffset, 16);
  return Buffer.concat([local, name, data, central, name, end]);
}

async function xlsxOf(rows: string[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Делегация');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('the admin imports a delegation into a track given directly', () => {
  const t = useTestApp();
  let admin: { agent: Agent; csrf: string };
  let cycleId: number;
  beforeAll(async () => {
    admin = await signIn(t.app, 'admin@example.org');
    const res = await admin.agent
      .post('/admin/cycles')
      .type('form')
      .send({ _csrf: admin.csrf, kind: 'programme', name: 'Стажировки 2027', slug: `internships-${Date.now()}`, code: nextCycleCode(), year: '2027' });
    cycleId = Number(/\/admin\/cycles\/(\d+)$/.exec(res.headers.location)![1]);
  });

  let serial = 0;
  const createTrack = async (placeMethod: 'direct' | 'competitive', places = 5) => {
    serial += 1;
    const res = await admin.agent.post(`/admin/cycles/${cycleId}/tracks`).type('form').send({
      _csrf: admin.csrf, name: `Делегация ${serial}`, hostInstitution: 'НМИЦ здоровья детей', city: 'Москва', country: 'Россия', startDate: '2027-03-01',
      endDate: '2027-03-26', academicHours: '72', format: 'in_person', places: String(places), quotaPerMunicipality: '', minYearsPractice: '0', placeMethod,
    });
    expect(res.status).toBe(303);
    const [row] = await t.ds.query(`SELECT id FROM track WHERE cycle_id = $1 AND name = $2`, [cycleId, `Делегация ${serial}`]);
    return row.id as number;
  };
  const upload = (trackId: number, content: Buffer | string, name = 'делегация.csv') =>
    admin.agent.post(`/admin/tracks/${trackId}/participants/import`).field('_csrf', admin.csrf).attach('file', Buffer.isBuffer(content) ? content : Buffer.from(content), name);
  const participantsOf = (trackId: number) =>
    t.ds.query(
      `SELECT p.last_name, p.first_name, p.patronymic, p.position, p.institution, mu.name AS municipality, p.organisation, p.email, p.source, p.status
         FROM participant p LEFT JOIN municipality mu ON mu.id = p.municipality_id WHERE p.track_id = $1 ORDER BY p.id`,
      [trackId],
    );
  const importAudits = (trackId: number) => t.ds.query(`SELECT data FROM audit_event WHERE entity = 'track' AND entity_id = $1 AND action = 'track.delegationImported'`, [String(trackId)]);

  it('imports a clean CSV (BOM, «;», quotes) as confirmed participants, audits only the count, and lists them', async () => {
    const track = await createTrack('direct');
    const csv =
      `\uFEFF${HEADER_RU}\r\n` +
      `Иванова Мария Петровна;Участковый педиатр;"ГБУЗ МО ""Красногорская больница""; корпус 2";Красногорск;;Maria.Ivanova@Example.org\r\n` +
      `\r\n` +
      `Ali Karimov;Pediatrician;Tashkent Children's Hospital;;Ministry of Health of Uzbekistan;ali@example.uz\r\n`;
    const res = await upload(track, csv);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/admin/tracks/${track}/participants`);
    expect(await participantsOf(track)).toEqual([
      { last_name: 'Иванова', first_name: 'Мария', patronymic: 'Петровна', position: 'Участковый педиатр', institution: 'ГБУЗ МО "Красногорская больница"; корпус 2', municipality: 'Красногорск', organisation: '', email: 'maria.ivanova@example.org', source: 'delegation', status: 'confirmed' },
      { last_name: 'Ali', first_name: 'Karimov', patronymic: '', position: 'Pediatrician', institution: "Tashkent Children's Hospital", municipality: null, organisation: 'Ministry of Health of Uzbekistan', email: 'ali@example.uz', source: 'delegation', status: 'confirmed' },
    ]);
    const audits = await importAudits(track);
    expect(audits).toEqual([{ data: { count: 2 } }]);
    const page = await admin.agent.get(`/admin/tracks/${track}/participants`);
    expect(page.text).toContain('Загружено 2 участника делегации.');
    expect(page.text).toContain('Иванова Мария Петровна');
    expect(page.text).toContain('Ministry of Health of Uzbekistan');
    expect(page.text).toContain('участие подтверждено');
    expect(page.text).toMatch(/id="count-confirmed">2</);
    expect(page.text).toMatch(/id="count-free">3</);
  });

  it('imports a clean XLSX with English headers and «,»-free cells', async () => {
    const track = await createTrack('direct');
    const file = await xlsxOf([
      ['Full name', 'Position', 'Institution', 'Municipality', 'Organisation', 'Email'],
      ['Петров Олег Иванович', 'Неонатолог', 'Щёлковский перинатальный центр', 'Щёлково', '', 'petrov@example.org'],
      ['Сидорова Анна', 'Педиатр', 'Подольская ДГБ', 'подольск', '', 'sidorova@example.org'],
    ]);
    const res = await upload(track, file, 'delegation.xlsx');
    expect(res.status).toBe(303);
    const rows = await participantsOf(track);
    expect(rows.map((r: { email: string; municipality: string }) => [r.email, r.municipality])).toEqual([
      ['petrov@example.org', 'Щёлково'],
      ['sidorova@example.org', 'Подольск'],
    ]);
  });

  it('lists every bad row by number with its problem and stores nothing', async () => {
    const track = await createTrack('direct');
    const csv = [
      HEADER_RU,
      'Иванова Мария Петровна;Педиатр;Больница 1;Красногорск;;ivanova@example.org',
      'Петров;Педиатр;Больница 2;Красногорск;;petrov@example.org',
      'Сидоров Пётр;;Больница 3;Красногорск;;not-an-address',
      'Кузнецова Ольга;Педиатр;Больница 4;Урюпинск;;kuznetsova@example.org',
      'Смирнов Иван;Педиатр;Больница 5;;;smirnov@example.org',
      'Орлов Павел;Педиатр;Больница 6;Красногорск;;IVANOVA@example.org',
    ].join('\n');
    const res = await upload(track, csv);
    expect(res.status).toBe(400);
    expect(res.text).toContain('Файл не загружен');
    expect(res.text).toContain('Строка 3, «ФИО»: укажите фамилию и имя');
    expect(res.text).toContain('Строка 4, «Должность»: не заполнено');
    expect(res.text).toContain('Строка 4, «Email»: «not-an-address» — не адрес электронной почты');
    expect(res.text).toContain('Строка 5, «Муниципалитет»: муниципалитета «Урюпинск» нет в справочнике региона');
    expect(res.text).toContain('Строка 6, «Муниципалитет»: заполните муниципалитет или организацию');
    expect(res.text).toContain('Строка 7, «Email»: адрес ivanova@example.org уже есть в строке 2');
    expect(res.text).not.toContain('Строка 2,');
    expect(await participantsOf(track)).toEqual([]);
    expect(await importAudits(track)).toEqual([]);
  });

  it('refuses addresses the track already has, and more people than its free places', async () => {
    const track = await createTrack('direct', 3);
    expect((await upload(track, `${HEADER_RU}\nИванова Мария;Педиатр;Больница;Красногорск;;ivanova@example.org\n`)).status).toBe(303);
    const again = await upload(track, `${HEADER_RU}\nИванова Мария;Педиатр;Больница;Красногорск;;Ivanova@Example.org\nПетров Олег;Педиатр;Больница;Красногорск;;petrov@example.org\n`);
    expect(again.status).toBe(400);
    expect(again.text).toContain('Строка 2, «Email»: участник с адресом ivanova@example.org уже есть на этом направлении');
    const many = await upload(track, [HEADER_RU, ...[1, 2, 3].map((i) => `Петров${i} Олег;Педиатр;Больница;Красногорск;;p${i}@example.org`)].join('\n'));
    expect(many.status).toBe(400);
    expect(many.text).toContain('В файле 3 участников, а свободных мест на направлении — 2.');
    expect(await participantsOf(track)).toHaveLength(1);
  });

  it('names the columns a header row lacks', async () => {
    const track = await createTrack('direct');
    const res = await upload(track, 'Фамилия;Телефон\nИванова;123\n');
    expect(res.status).toBe(400);
    expect(res.text).toContain('В первой строке нет столбцов: «ФИО», «Должность», «Учреждение», «Email», «Муниципалитет»');
  });

  it('refuses a file of more than 5,000 rows and one over 2 MB with a message, reading neither', async () => {
    const track = await createTrack('direct');
    const rows = Array.from({ length: 5001 }, (_, i) => `Петров Олег;Педиатр;Больница;Красногорск;;p${i}@example.org`);
    const tooMany = await upload(track, [HEADER_RU, ...rows].join('\n'));
    expect(tooMany.status).toBe(400);
    expect(tooMany.text).toContain('В файле больше 5000 строк');
    const big = await upload(track, `${HEADER_RU}\n${'x'.repeat(2 * 1024 * 1024)}\n`);
    expect(big.status).toBe(413);
    expect(big.text).toContain('Файл больше 2 МБ');
    expect(await participantsOf(track)).toEqual([]);
  });

  it('refuses what is not a spreadsheet: an image, a binary, a zip bomb, a zip that is no workbook, an empty file', async () => {
    const track = await createTrack('direct');
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
    const notSheet = await upload(track, png, 'list.csv');
    expect(notSheet.status).toBe(400);
    expect(notSheet.text).toContain('Это не таблица');
    const binary = await upload(track, Buffer.from([0x41, 0x00, 0x42, 0x0a]), 'list.csv');
    expect(binary.status).toBe(400);
    const bomb = await upload(track, zipBomb(64 * 1024 * 1024), 'list.xlsx');
    expect(bomb.status).toBe(400);
    expect(bomb.text).toContain('Файл повреждён или устроен необычно');
    const docx = zipBomb(1000);
    const notWorkbook = await upload(track, docx, 'list.xlsx');
    expect(notWorkbook.status).toBe(400);
    expect(notWorkbook.text).toContain('Это не таблица');
    expect((await upload(track, Buffer.alloc(0), 'list.csv')).status).toBe(400);
    expect(await participantsOf(track)).toEqual([]);
  });

  it('imports only into a track given directly', async () => {
    const track = await createTrack('competitive');
    const res = await upload(track, `${HEADER_RU}\nИванова Мария;Педиатр;Больница;Красногорск;;ivanova@example.org\n`);
    expect(res.status).toBe(409);
    expect(res.text).toContain('только на направление, места которого даются делегации напрямую');
    expect(await participantsOf(track)).toEqual([]);
  });

  it('gives a template whose header row the import reads, in the admin’s language', async () => {
    const res = await admin.agent.get('/admin/programmes/delegation-template.csv');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    const header = res.text.replace(/^\uFEFF/, '').trim();
    expect(header).toBe(HEADER_RU);
    const track = await createTrack('direct');
    expect((await upload(track, `${res.text}Иванова Мария;Педиатр;Больница;Красногорск;;ivanova@example.org\r\n`)).status).toBe(303);
  });

  it('speaks English to an admin who reads English: template, problems and outcome', async () => {
    const english = await signIn(t.app, 'admin@example.org');
    await english.agent.get('/lang/en');
    const template = await english.agent.get('/admin/programmes/delegation-template.csv');
    expect(template.text.replace(/^\uFEFF/, '').trim()).toBe('Full name;Position;Institution;Municipality;Organisation;Email');
    const track = await createTrack('direct');
    const send = (content: string) => english.agent.post(`/admin/tracks/${track}/participants/import`).field('_csrf', english.csrf).attach('file', Buffer.from(content), 'list.csv');
    const bad = await send(`${template.text}Smith;Pediatrician;Hospital;;;smith@\r\n`);
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('The file was not imported');
    expect(bad.text).toContain('Row 2, “Full name”: give the last and first name');
    expect(bad.text).toContain('Row 2, “Email”: “smith@” is not an email address');
    expect(bad.text).toContain('Row 2, “Municipality”: fill in the municipality or the organisation');
    const good = await send(`${template.text}Smith John;Pediatrician;Hospital;;NHS England;smith@example.org\r\n`);
    expect(good.status).toBe(303);
    expect((await english.agent.get(`/admin/tracks/${track}/participants`)).text).toContain('1 delegation participant imported.');
  });

  it('needs an admin, and a CSRF token', async () => {
    const track = await createTrack('direct');
    const officer = await signIn(t.app, 'officer@example.org');
    expect((await officer.agent.get(`/admin/tracks/${track}/participants`)).status).toBe(403);
    const noToken = await admin.agent.post(`/admin/tracks/${track}/participants/import`).attach('file', Buffer.from(`${HEADER_RU}\n`), 'list.csv');
    expect(noToken.status).toBe(403);
  });
});
