import QRCode from 'qrcode';
import { renderCertificate, type PrintedRecord } from '../../src/certificates/render';
import { DEFAULT_TEMPLATES } from '../../src/certificates/defaults';
import { CONTENT, PAGE, type PageLayout } from '../../src/certificates/layout';
import { unfitSignatoryNames } from '../../src/certificates/render';
import { templateProblems } from '../../src/certificates/templates';
import { CERTIFICATE_KINDS, type CertificateKind } from '../../src/certificates/certificate.entity';
import { completionValues } from '../../src/certificates/completion-values';
import { flat, LONG_CATEGORY, LONGEST, pdfInfo, pdfText } from './scene';

const BASE_URL = 'https://laureate.example.org';
const CODE = 'q3Vb9xTz0kLmN4pR7sWc2A9f';

const nameParts = (fullName: string) => {
  const [lastName, firstName = '', patronymic = ''] = fullName.split(' ');
  return { lastName, firstName, patronymic };
};

function record(kind: CertificateKind, person: { fullName: string; position: string; institution: string }, category = 'Лучший участковый педиатр', cycle = 'Лучший детский врач Подмосковья — 2026'): PrintedRecord {
  const printed: Record<string, string> = {
    'holder.fullName': person.fullName, 'cycle.name': cycle, 'cycle.year': '2026', issuedAt: '12 мая 2026 г.', number: 'PED-2026-0007',
    ...(kind === 'completion'
      ? completionValues({ ...nameParts(person.fullName), position: person.position, institution: person.institution, origin: 'Щёлково', hoursAttended: 144,
          track: { name: category, hostInstitution: 'ФГАУ «НМИЦ здоровья детей» Минздрава России', city: 'Москва', country: 'Россия', startDate: '2026-03-01', endDate: '2026-03-26', academicHours: 144 } })
      : kind === 'juror'
      ? { 'juror.fullName': person.fullName, 'juror.institution': person.institution }
      : { 'nominee.fullName': person.fullName, 'nominee.position': person.position, 'nominee.institution': person.institution, 'category.name': category }),
    ...(kind === 'winner' ? { place: '1', 'place.roman': 'I' } : {}),
  };
  return { kind, number: 'PED-2026-0007', code: CODE, holderName: person.fullName, place: kind === 'winner' ? 1 : null, printed, issuedAt: new Date('2026-05-12T09:30:00Z') };
}

const ivanova = { fullName: 'Иванова Мария Петровна', position: 'врач-педиатр участковый', institution: 'Красногорская городская поликлиника № 2' };
const longest = { fullName: `${LONGEST.lastName} ${LONGEST.firstName} ${LONGEST.patronymic}`, position: LONGEST.position, institution: LONGEST.institution };
const render = (r: PrintedRecord, template = DEFAULT_TEMPLATES[r.kind]) => renderCertificate({ record: r, template, assets: { emblem: null, background: null }, baseUrl: BASE_URL });

function expectInsideThePage(plan: PageLayout) {
  for (const run of plan.texts) {
    for (const line of run.lines) {
      expect({ role: run.role, text: line.text, left: line.x >= CONTENT.left - 0.5, right: line.x + line.width <= CONTENT.right + 0.5, bottom: line.y + run.size <= CONTENT.bottom + 0.5 })
        .toEqual({ role: run.role, text: line.text, left: true, right: true, bottom: true });
    }
  }
}

describe('rendering a certificate (PDFKit, A4 landscape)', () => {
  it('is an A4 landscape PDF whose text — the holder, the category and the number — can be extracted', async () => {
    const { pdf } = await render(record('winner', ivanova));
    expect(pdfInfo(pdf)['Page size']).toMatch(/^841\.89 x 595\.28 pts/);
    const text = flat(pdfText(pdf));
    expect(text).toContain('ДИПЛОМ ПОБЕДИТЕЛЯ');
    expect(text).toContain('Иванова Мария Петровна');
    expect(text).toContain('«Лучший участковый педиатр»');
    expect(text).toContain('PED-2026-0007');
    expect(text).toContain('I МЕСТО');
    expect(text).toContain('А. В. Северцев');
    expect(text).toContain('12 мая 2026 г.');
  });

  it('embeds subset fonts with a Unicode map', async () => {
    const { pdf } = await render(record('winner', ivanova));
    const raw = pdf.toString('latin1');
    expect(raw).toMatch(/\/FontName \/[A-Z]{6}\+PTSerif-Bold/);
    expect(raw).toMatch(/\/FontName \/[A-Z]{6}\+PTSans-Regular/);
    expect(raw).toContain('/ToUnicode');
    expect(raw).not.toContain('/Helvetica');
  });

  it('draws the QR code of BASE_URL/verify/CODE module for module, and links it', async () => {
    const { pdf, plan } = await render(record('winner', ivanova));
    const url = `${BASE_URL}/verify/${CODE}`;
    const expected = QRCode.create(url, { errorCorrectionLevel: 'M' }).modules;
    expect(plan.qr.payload).toBe(url);
    expect(plan.qr.size).toBe(expected.size);
    expect(plan.qr.dark).toEqual(Array.from(expected.data, (v) => v === 1));
    expect(pdf.toString('latin1')).toContain(`/URI (${url})`);
    // in the bottom-right corner
    expect(plan.qr.x).toBeGreaterThan(PAGE.width * 0.8);
    expect(plan.qr.y).toBeGreaterThan(PAGE.height * 0.75);
  });

  it('keeps every letter extractable when earlier certificates drew letters built from others (ё, й)', async () => {
    await render(record('winner', { ...ivanova, fullName: 'Ёлкина Йоланта Семёновна' }));
    const text = flat(pdfText((await render(record('winner', { ...ivanova, fullName: 'Acme Yellow Елена Фёдоровна' }))).pdf));
    expect(text).toContain('Acme Yellow Елена Фёдоровна');
  });

  it('prints the verification address on one line of its own, never broken inside the code (codes may hold a hyphen)', async () => {
    const { plan } = await render({ ...record('winner', longest), code: 'u-gI1a67UERI8aP66tyjosp0' });
    const caption = plan.texts.find((t) => t.role === 'caption')!;
    expect(caption.lines.map((l) => l.text)).toEqual(['Проверка подлинности:', 'laureate.example.org/verify/u-gI1a67UERI8aP66tyjosp0']);
  });

  it('gives the same bytes for the same record and template, every time, whatever was rendered before', async () => {
    let cold: typeof import('../../src/certificates/render') | undefined;
    jest.isolateModules(() => {
      cold = require('../../src/certificates/render');
    });
    const a = (await cold!.renderCertificate({ record: record('winner', longest), template: DEFAULT_TEMPLATES.winner, assets: { emblem: null, background: null }, baseUrl: BASE_URL })).pdf;
    await render(record('juror', ivanova));
    const b = (await render(record('winner', longest))).pdf;
    expect(a.equals(b)).toBe(true);
    const other = (await render({ ...record('winner', longest), issuedAt: new Date('2026-05-13T09:30:00Z') })).pdf;
    expect(other.equals(a)).toBe(false);
  });

  it('prints placeholder-looking data literally', async () => {
    const { pdf } = await render(record('winner', { fullName: '{cycle.name}', position: '{number}', institution: '{nominee.fullName}' }));
    const text = flat(pdfText(pdf));
    expect(text).toContain('{cycle.name}');
    expect(text).toContain('{number}, {nominee.fullName}');
  });

  it.each(CERTIFICATE_KINDS)('keeps the demo\'s longest name, institution and category inside the page (%s), the name the largest line', async (kind) => {
    const { pdf, plan } = await render(record(kind, longest, LONG_CATEGORY));
    expectInsideThePage(plan);
    const name = plan.texts.find((r) => r.role === 'name')!;
    expect(name.lines.map((l) => l.text)).toEqual(['Константинопольская-Задунайская', 'Александра-Виктория Вячеславовна']);
    for (const other of plan.texts.filter((r) => r.role !== 'name')) expect(other.size).toBeLessThan(name.size);
    const text = flat(pdfText(pdf));
    expect(text).toContain('Константинопольская-Задунайская Александра-Виктория Вячеславовна');
    expect(text).toContain('Дружининой-Соколовской');
    expect(pdf.length).toBeLessThan(60 * 1024);
  });

  it('shrinks, then wraps, a name far longer than any real one, and never leaves the page', async () => {
    const huge = { fullName: `${'Очень-Длинная-Фамилия '.repeat(8)}Имя Отчество`, position: 'врач '.repeat(60), institution: 'больница '.repeat(60) };
    const { plan } = await render(record('winner', huge, `${LONG_CATEGORY} `.repeat(3)));
    expectInsideThePage(plan);
  });

  it('keeps a quoted cycle name on one line, breaking before its «, and still never leaves the page', async () => {
    const linesOf = (plan: PageLayout) => plan.texts.filter((r) => r.role === 'body').flatMap((r) => r.lines.map((l) => l.text));
    const demo = 'Педиатрия как искусство — 2025';
    for (const person of [ivanova, longest]) {
      const { plan } = await render(record('nominee', person, 'Лучший участковый педиатр', demo));
      expectInsideThePage(plan);
      expect(linesOf(plan).filter((l) => l.includes(`«${demo}»`))).toHaveLength(1);
    }
    const { plan } = await render(record('nominee', longest, LONG_CATEGORY, demo));
    expectInsideThePage(plan);
    expect(linesOf(plan).some((l) => l.includes(`«${demo}»`))).toBe(true);
    // a quoted name longer than a line (the demo's longest category) is broken like any other text
    expect(linesOf(plan).some((l) => l.includes(`«${LONG_CATEGORY}»`))).toBe(false);
    expect(flat(linesOf(plan).join(' '))).toContain(`в номинации «${LONG_CATEGORY}»`);
  });

  it('titles the juror\'s letter «Благодарственное письмо члену жюри»', async () => {
    expect(DEFAULT_TEMPLATES.juror.title).toBe('Благодарственное письмо члену жюри');
    const { pdf, plan } = await render(record('juror', longest));
    expectInsideThePage(plan);
    expect(plan.texts.find((r) => r.role === 'title')!.lines.map((l) => l.text).join(' ')).toBe('БЛАГОДАРСТВЕННОЕ ПИСЬМО ЧЛЕНУ ЖЮРИ');
    expect(flat(pdfText(pdf))).toContain('ПИСЬМО ЧЛЕНУ ЖЮРИ'); // pdftotext splits the letter-spaced first word
  });

  it('shrinks a long signatory name to one line, so every signature line stays level', async () => {
    const long = { name: 'Константин Константинович Константинопольский', title: 'Министр здравоохранения Московской области' };
    const template = { ...DEFAULT_TEMPLATES.winner, signatories: [long, DEFAULT_TEMPLATES.winner.signatories[1]] };
    const { pdf, plan } = await render(record('winner', ivanova), template);
    expectInsideThePage(plan);
    const names = plan.texts.filter((r) => r.role === 'signatoryName');
    expect(names.map((r) => r.lines.map((l) => l.text))).toEqual([[long.name], ['Е. Н. Лаврова']]);
    expect(names[0].size).toBeLessThan(names[1].size);
    expect(new Set(plan.signatureLines.map((l) => l.y)).size).toBe(1);
    expect(flat(pdfText(pdf))).toContain(long.name);
    // three signatures leave each name a third of the band: this one no longer fits, and is named as such
    expect(unfitSignatoryNames([long, ...DEFAULT_TEMPLATES.winner.signatories])).toEqual([0]);
    expect(unfitSignatoryNames(template.signatories)).toEqual([]);
    expect(templateProblems({ ...DEFAULT_TEMPLATES.winner, signatories: [long, ...DEFAULT_TEMPLATES.winner.signatories] }, 'winner'))
      .toEqual({ signatories: { key: 'certificates.problem.signatoryNamesTooLong', params: { names: long.name } } });
    expect(templateProblems(template, 'winner')).toEqual({});
  });

  it('stays under 60 KB a certificate', async () => {
    for (const kind of CERTIFICATE_KINDS) expect((await render(record(kind, ivanova))).pdf.length).toBeLessThan(60 * 1024);
  });
});
