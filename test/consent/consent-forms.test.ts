import { execFileSync } from 'node:child_process';
import { signIn, useTestApp } from '../support/harness';
import { createCycle, createNomination, municipalityId, userId } from '../support/fixtures';
import { renderConsentForm, type ConsentFormData } from '../../src/consent/consent-forms';

/** The text of a PDF as poppler's pdftotext reads it, lines joined (a long name may wrap). */
const pdfText = (pdf: Buffer) => execFileSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: pdf }).toString('utf8').replace(/\s+/g, ' ');
const pages = (pdf: Buffer) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', ['-'], { input: pdf }).toString())![1]);
const binary = (res: { on: (e: string, f: (c?: Buffer) => void) => void; setEncoding?: unknown }, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c?: Buffer) => chunks.push(c!));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

describe('the consent forms to print', () => {
  const t = useTestApp();
  let officer: Awaited<ReturnType<typeof signIn>>;
  let nominationId: number;

  beforeAll(async () => {
    officer = await signIn(t.app, 'officer@example.org');
    const { cycle, categories } = await createCycle(t.ds, { name: 'Лучший детский врач Подмосковья — 2026', categories: [{ name: 'Лучший участковый педиатр' }] });
    const n = await createNomination(t.ds, {
      cycleId: cycle.id, categoryId: categories[0].id, municipalityId: await municipalityId(t.ds, 'Красногорск'), authorId: await userId(t.ds, 'officer@example.org'),
      nominee: { lastName: 'Преображенская', firstName: 'Евдокия', patronymic: 'Тимофеевна', phone: '+7 901 234-56-78', email: 'evdokia@example.org' },
    });
    nominationId = n.id;
  });

  const get = (agent: typeof officer.agent, url: string) => agent.get(url).buffer(true).parse(binary);

  it('links both forms from the officer\'s nomination page', async () => {
    const page = await officer.agent.get(`/officer/nominations/${nominationId}`);
    expect(page.text).toContain(`href="/officer/nominations/${nominationId}/consent-forms/processing.pdf"`);
    expect(page.text).toContain(`href="/officer/nominations/${nominationId}/consent-forms/publication.pdf"`);
  });

  it('gives the consent to processing as a one-page PDF prefilled with the nominee, the cycle, the category, the purposes and the withdrawal right', async () => {
    const res = await get(officer.agent, `/officer/nominations/${nominationId}/consent-forms/processing.pdf`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['cache-control']).toBe('private, no-store');
    const pdf = res.body as Buffer;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pages(pdf)).toBe(1);
    const text = pdfText(pdf);
    for (const part of [
      'СОГЛАСИЕ', 'на обработку персональных данных', 'Преображенская Евдокия Тимофеевна', 'Преображенская Е. Т.',
      'конкурс «Лучший детский врач Подмосковья — 2026» в номинации «Лучший участковый педиатр»',
      'статьёй 9 Федерального закона от 27.07.2006 № 152-ФЗ', 'Министерство здравоохранения (Московская область)',
      'экспертная оценка заявки членами жюри', 'оформление, выдача и проверка подлинности дипломов',
      'Перечень персональных данных', 'не дольше 5 лет после опубликования итогов конкурса', 'Отзыв согласия', 'часть 2 статьи 9', `Заявка № ${nominationId}`,
    ]) expect(text).toContain(part);
  });

  it('gives the consent to publication with a «да / нет» box for each of the four public data and the operator\'s addresses', async () => {
    const res = await get(officer.agent, `/officer/nominations/${nominationId}/consent-forms/publication.pdf`);
    expect(res.status).toBe(200);
    const pdf = res.body as Buffer;
    expect(pages(pdf)).toBe(1);
    const text = pdfText(pdf);
    for (const part of [
      'разрешённых субъектом персональных данных для распространения', 'Преображенская Евдокия Тимофеевна', '+7 901 234-56-78, evdokia@example.org',
      'статьёй 10.1', 'Фамилия, имя, отчество', 'Должность', 'Место работы (наименование медицинской организации)', 'Муниципальное образование',
      'Условия и запреты', 'данные не публикуются по решению лауреата', `${t.config.baseUrl}/verify/`, 'части 12–14 статьи 10.1', 'трёх рабочих дней',
    ]) expect(text).toContain(part);
    expect(text.match(/да нет/g)).toHaveLength(4);
  });

  it('is not found for another municipality\'s officer, nor for a form that does not exist; the admin may print them', async () => {
    const other = await signIn(t.app, 'officer2@example.org');
    expect((await other.agent.get(`/officer/nominations/${nominationId}/consent-forms/processing.pdf`)).status).toBe(404);
    expect((await officer.agent.get(`/officer/nominations/${nominationId}/consent-forms/processing.docx`)).status).toBe(404);
    expect((await officer.agent.get(`/officer/nominations/999999/consent-forms/processing.pdf`)).status).toBe(404);
    const admin = await signIn(t.app, 'admin@example.org');
    expect((await admin.agent.get(`/admin/nominations/${nominationId}`)).text).toContain(`href="/admin/nominations/${nominationId}/consent-forms/publication.pdf"`);
    const res = await get(admin.agent, `/admin/nominations/${nominationId}/consent-forms/publication.pdf`);
    expect(res.status).toBe(200);
    expect(pdfText(res.body as Buffer)).toContain('Преображенская Евдокия Тимофеевна');
  });

  it('names the configured operator and its address, and leaves lines to write on when the name is not known yet', async () => {
    const data: ConsentFormData = {
      nominationId: 7, nomineeName: '', nomineeContacts: '', cycleName: 'Конкурс', categoryName: null,
      operator: { name: 'Министерство здравоохранения Московской области', address: '143407, Московская область, г. Красногорск, бульвар Строителей, д. 1' },
      baseUrl: 'https://awards.example.org', retentionYears: 1, date: new Date('2026-01-01T00:00:00Z'),
    };
    const text = pdfText(await renderConsentForm('processing', data));
    expect(text).toContain('Министерство здравоохранения Московской области');
    expect(text).toContain('143407, Московская область, г. Красногорск, бульвар Строителей, д. 1');
    expect(text).not.toContain('(адрес оператора)');
    expect(text).toContain('не дольше 1 года');
    expect(text).toContain('(фамилия, имя, отчество субъекта персональных данных)');
    const again = await renderConsentForm('processing', data);
    expect(again.equals(await renderConsentForm('processing', data))).toBe(true);
  });
});
