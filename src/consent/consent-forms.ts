import PDFDocument from 'pdfkit';
import { registerFonts, type Doc, type FontName } from '../certificates/fonts';
import { PUBLIC_FIELDS, type PublicField } from './public-fields';

/**
 * The two consent forms a nominee signs (152-FZ), printed from the nomination and prefilled: the consent to
 * processing (art. 9: operator, purposes, data, actions, term, withdrawal) and the consent to publication
 * (art. 10.1 and the content Roskomnadzor's order No. 18 of 24.02.2021 asks for: which data may be published,
 * a «да / нет» box for each to tick by hand, conditions and prohibitions, the operator's web addresses, term,
 * withdrawal). They are Russian legal documents, so their text is Russian whatever the page language. Pure:
 * data in, PDF bytes out; the dates in the file are the given date, so the same data give the same bytes.
 */

export type ConsentFormKind = 'processing' | 'publication';
export const CONSENT_FORM_KINDS: readonly ConsentFormKind[] = ['processing', 'publication'];

export interface ConsentFormData {
  nominationId: number;
  /** «Иванова Мария Петровна»; blank: a line to write on */
  nomineeName: string;
  /** phone and/or email as typed in the nomination (the publication form asks for the person's contacts) */
  nomineeContacts: string;
  cycleName: string;
  categoryName: string | null;
  operator: { name: string; address: string | null };
  /** where the public pages are, e.g. https://laureate.example.org */
  baseUrl: string;
  /** years the documents of a nomination that won nothing are kept after the results (PERSONAL_DATA_RETENTION_YEARS) */
  retentionYears: number;
  date: Date;
}

const PAGE = { width: 595.28, height: 841.89, left: 62, right: 40, top: 36, bottom: 36 };
const WIDTH = PAGE.width - PAGE.left - PAGE.right;
const INK = '#111111';
const BODY = 10;
const LINE_GAP = 1;
const MUTED = '#555555';
const LAW = 'Федерального закона от 27.07.2006 №\u00a0152-ФЗ «О\u00a0персональных данных»';

/** The publication form's rows, in the contract's order (PUBLIC_FIELDS). */
const PUBLIC_FIELD_ROWS: Record<PublicField, string> = {
  fullName: 'Фамилия, имя, отчество',
  position: 'Должность',
  institution: 'Место работы (наименование медицинской организации)',
  municipality: 'Муниципальное образование (город, район)',
};

export function consentFormFileName(kind: ConsentFormKind, nominationId: number): { fileName: string; ascii: string } {
  return kind === 'processing'
    ? { fileName: `Согласие на обработку ПД, заявка ${nominationId}.pdf`, ascii: `consent-processing-${nominationId}.pdf` }
    : { fileName: `Согласие на распространение ПД, заявка ${nominationId}.pdf`, ascii: `consent-publication-${nominationId}.pdf` };
}

export function renderConsentForm(kind: ConsentFormKind, data: ConsentFormData): Promise<Buffer> {
  const title = kind === 'processing' ? 'Согласие на обработку персональных данных' : 'Согласие на распространение персональных данных';
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right },
    compress: true,
    // the footer goes on every page once the text is laid out
    bufferPages: true,
    pdfVersion: '1.7',
    lang: 'ru-RU',
    displayTitle: true,
    info: { Title: `${title}: ${data.nomineeName || '—'}`, Subject: data.cycleName, Creator: 'Laureate', Producer: 'Laureate', CreationDate: data.date, ModDate: data.date },
  } as PDFKit.PDFDocumentOptions);
  registerFonts(doc);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const w = new Writer(doc);
  if (kind === 'processing') processingForm(w, data);
  else publicationForm(w, data);
  footer(w, data);
  doc.end();
  return done;
}

const contest = (d: ConsentFormData) => `конкурс «${d.cycleName}»${d.categoryName ? ` в номинации «${d.categoryName}»` : ''}`;

function processingForm(w: Writer, d: ConsentFormData): void {
  addressee(w, d);
  w.title('СОГЛАСИЕ', 'на обработку персональных данных');
  w.field('Я,', d.nomineeName, '(фамилия, имя, отчество субъекта персональных данных)');
  w.field('документ, удостоверяющий личность:', '', '(вид документа, серия и номер, кем и когда выдан)');
  w.field('', '', '');
  w.field('зарегистрированный(ая) по адресу:', '', '');
  w.gap(4);
  w.paragraph(`в соответствии со статьёй\u00a09 ${LAW} свободно, своей волей и в своём интересе даю согласие оператору — ${d.operator.name} (далее — Оператор) на обработку моих персональных данных на следующих условиях.`);
  w.numbered(1, 'Цели обработки', `выдвижение меня на ${contest(d)}, рассмотрение и допуск заявки; экспертная оценка заявки членами жюри; подведение, утверждение и объявление итогов конкурса; оформление, выдача и проверка подлинности дипломов и иных наградных документов; хранение документов конкурса в архиве Оператора.`);
  w.numbered(2, 'Перечень персональных данных', 'фамилия, имя, отчество; должность; место работы (наименование медицинской организации); муниципальное образование; специальность; стаж работы; номер контактного телефона; адрес электронной почты; сведения об образовании, квалификации, профессиональных достижениях, наградах и публикациях, содержащиеся в представлении и приложенных к нему документах; результаты участия в конкурсе (итоговые оценки в обобщённом виде, занятое место).');
  w.numbered(3, 'Действия с персональными данными', 'сбор, запись, систематизация, накопление, хранение, уточнение, извлечение, использование, передача (предоставление, доступ) членам жюри и организационного комитета конкурса, обезличивание, блокирование, удаление, уничтожение; обработка смешанная (в информационной системе «Лауреат» и без средств автоматизации).');
  w.numbered(4, 'Распространение', 'опубликование моих персональных данных для неограниченного круга лиц допускается только в объёме, указанном мной в отдельном согласии на распространение персональных данных (статья\u00a010.1 Федерального закона №\u00a0152-ФЗ); без такого согласия мои персональные данные не публикуются.');
  w.numbered(5, 'Срок действия', `со дня подписания до достижения целей обработки, но не дольше ${years(d.retentionYears)} после опубликования итогов конкурса (итоговые документы о победителях хранятся в архиве Оператора), либо до отзыва.`);
  w.numbered(6, 'Отзыв согласия', 'согласие может быть отозвано мной в любое время письменным заявлением Оператору (часть 2 статьи\u00a09 Федерального закона №\u00a0152-ФЗ). Получив отзыв, Оператор прекращает обработку и уничтожает мои персональные данные в срок не более тридцати дней, кроме случаев, когда закон позволяет продолжить обработку без согласия (в том числе хранение итоговых документов конкурса в архиве).');
  w.numbered(7, 'Права', 'мне разъяснены права субъекта персональных данных, предусмотренные главой\u00a03 Федерального закона №\u00a0152-ФЗ.');
  signature(w, d);
}

function publicationForm(w: Writer, d: ConsentFormData): void {
  addressee(w, d);
  w.title('СОГЛАСИЕ', 'на обработку персональных данных, разрешённых субъектом персональных данных для распространения');
  w.field('Я,', d.nomineeName, '(фамилия, имя, отчество субъекта персональных данных)');
  w.field('контактная информация:', d.nomineeContacts, '(номер телефона, адрес электронной почты или почтовый адрес)');
  w.gap(4);
  w.paragraph(`руководствуясь статьёй\u00a010.1 ${LAW}, даю согласие оператору — ${d.operator.name} (далее — Оператор) на распространение (опубликование для неограниченного круга лиц) моих персональных данных в целях объявления итогов ${contest(d).replace(/^конкурс/, 'конкурса')} и подтверждения подлинности выданных дипломов — в объёме, отмеченном мной ниже («да» — разрешаю, «нет» — не разрешаю):`);
  w.consentTable(PUBLIC_FIELDS.map((f) => PUBLIC_FIELD_ROWS[f]));
  w.paragraph('Персональные данные, напротив которых не отмечено «да», распространению не подлежат. Если распространение не разрешено, в итогах конкурса публикуются только номинация и занятое место с пометкой «данные не публикуются по решению лауреата»; подлинность диплома при этом проверяется.');
  w.paragraph(`Информационные ресурсы Оператора, посредством которых предоставляется доступ к персональным данным: ${d.baseUrl}/ (страницы итогов конкурса, списки победителей в форматах CSV и JSON, страницы проверки подлинности дипломов ${d.baseUrl}/verify/…).`);
  w.numbered(null, 'Условия и запреты', 'на обработку неограниченным кругом лиц (часть\u00a09 статьи\u00a010.1 Федерального закона №\u00a0152-ФЗ; заполняется по желанию):');
  w.field('', '', '');
  w.field('', '', '');
  w.numbered(null, 'Срок действия', `согласие действует со дня его подписания до дня его отзыва, но не дольше ${years(d.retentionYears)} после опубликования итогов конкурса.`);
  w.numbered(null, 'Отзыв', 'я вправе в любое время потребовать прекратить распространение моих персональных данных, направив Оператору письменное требование с указанием фамилии, имени, отчества, контактной информации и перечня персональных данных, распространение которых должно быть прекращено (части 12–14 статьи\u00a010.1 Федерального закона №\u00a0152-ФЗ). Оператор прекращает распространение не позднее трёх рабочих дней с момента получения требования.');
  signature(w, d);
}

function addressee(w: Writer, d: ConsentFormData): void {
  const x = PAGE.left + WIDTH * 0.48;
  const width = PAGE.left + WIDTH - x;
  w.doc.font('sans').fontSize(9).fillColor(MUTED).text('Оператору персональных данных', x, w.y, { width });
  w.doc.font('serif').fontSize(11).fillColor(INK).text(d.operator.name, x, w.doc.y + 2, { width });
  if (d.operator.address) w.doc.text(d.operator.address, x, w.doc.y + 1, { width });
  else {
    w.y = w.doc.y + 14;
    w.rule(x, PAGE.left + WIDTH, w.y);
    w.doc.font('sans').fontSize(7).fillColor(MUTED).text('(адрес оператора)', x, w.y + 2, { width, align: 'center' });
  }
  w.y = w.doc.y + 10;
}

/** «дата · подпись / расшифровка», the short name filled in when known. */
function signature(w: Writer, d: ConsentFormData): void {
  w.gap(8);
  w.ensure(26);
  const y = w.y + 14;
  const doc = w.doc;
  doc.font('serif').fontSize(11).fillColor(INK).text('«____» _______________ 20____ г.', PAGE.left, y - 11, { lineBreak: false });
  const signFrom = PAGE.left + WIDTH * 0.5;
  const signTo = signFrom + WIDTH * 0.2;
  const nameFrom = signTo + 12;
  const nameTo = PAGE.left + WIDTH;
  w.rule(signFrom, signTo, y);
  w.rule(nameFrom, nameTo, y);
  const short = shortName(d.nomineeName);
  if (short) w.fitted(short, 'serif', 11, nameFrom, nameTo - nameFrom, y - 2);
  doc.font('sans').fontSize(7).fillColor(MUTED);
  doc.text('(подпись)', signFrom, y + 2, { width: signTo - signFrom, align: 'center', lineBreak: false });
  doc.text('(фамилия и инициалы)', nameFrom, y + 2, { width: nameTo - nameFrom, align: 'center', lineBreak: false });
  w.y = y + 14;
}

function footer(w: Writer, d: ConsentFormData): void {
  const doc = w.doc;
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    doc.font('sans').fontSize(7).fillColor(MUTED);
    // below the bottom margin: keep PDFKit from starting a new page for it
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.text(`Заявка № ${d.nominationId} · ${d.cycleName} · бланк сформирован в системе «Лауреат»${range.count > 1 ? ` · стр. ${i - range.start + 1} из ${range.count}` : ''}`, PAGE.left, PAGE.height - 26, { width: WIDTH, align: 'center', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
}

/** «5 лет», «1 года»: the genitive after «не дольше». */
function years(n: number): string {
  return `${n}\u00a0${n % 10 === 1 && n % 100 !== 11 ? 'года' : 'лет'}`;
}

/** «Иванова М. П.» */
function shortName(full: string): string {
  const [surname, ...rest] = full.trim().split(/\s+/).filter(Boolean);
  if (!surname) return '';
  return [surname, ...rest.map((p) => `${[...p][0]}.`)].join(' ');
}

/** Flowing text down the page, a new page when the next block would not fit. */
class Writer {
  y = PAGE.top;
  constructor(readonly doc: Doc) {}

  gap(points: number) {
    this.y += points;
  }

  ensure(height: number) {
    if (this.y + height > PAGE.height - PAGE.bottom) {
      this.doc.addPage();
      this.y = PAGE.top;
    }
  }

  /** One line centred in `width` with its baseline at `baseline`, made smaller (down to 7 pt) when a long name would not fit. */
  fitted(text: string, font: FontName, size: number, x: number, width: number, baseline: number) {
    const doc = this.doc.font(font).fontSize(size);
    const fitSize = Math.max(7, Math.min(size, (size * width) / Math.max(1, doc.widthOfString(text))));
    doc.fontSize(fitSize).fillColor(INK).text(text, x, baseline - fitSize * 1.05, { width, align: 'center', lineBreak: false });
  }

  rule(from: number, to: number, y: number) {
    this.doc.save().moveTo(from, y).lineTo(to, y).lineWidth(0.6).strokeColor(INK).stroke().restore();
  }

  title(first: string, second: string) {
    this.doc.font('serifBold').fontSize(14).fillColor(INK).text(first, PAGE.left, this.y, { width: WIDTH, align: 'center' });
    this.doc.font('serifBold').fontSize(12).text(second, PAGE.left + 30, this.doc.y + 2, { width: WIDTH - 60, align: 'center' });
    this.y = this.doc.y + 10;
  }

  /** A label, then a line to the right edge with the value on it (blank: written by hand) and a caption under it. */
  field(label: string, value: string, caption: string): void {
    this.ensure(30);
    const doc = this.doc;
    const base = this.y + 13;
    let from = PAGE.left;
    if (label) {
      doc.font('serif').fontSize(BODY + 0.5).fillColor(INK);
      const labelWidth = doc.widthOfString(label);
      if (labelWidth > WIDTH * 0.6) {
        doc.text(label, PAGE.left, this.y, { width: WIDTH });
        this.y = doc.y;
        return this.field('', value, caption);
      }
      doc.text(label, PAGE.left, base - 11, { lineBreak: false });
      from = PAGE.left + labelWidth + 6;
    }
    this.rule(from, PAGE.left + WIDTH, base);
    if (value) this.fitted(value, 'serifItalic', 12, from + 4, PAGE.left + WIDTH - from - 8, base - 2);
    this.y = base + 2;
    if (caption) {
      doc.font('sans').fontSize(7).fillColor(MUTED).text(caption, from, this.y, { width: PAGE.left + WIDTH - from, align: 'center', lineBreak: false });
      this.y += 8;
    }
    this.y += 4;
  }

  paragraph(text: string, font: FontName = 'serif') {
    const doc = this.doc.font(font).fontSize(BODY).fillColor(INK);
    const height = doc.heightOfString(text, { width: WIDTH, align: 'justify', indent: 24, lineGap: LINE_GAP });
    this.ensure(Math.min(height, 60));
    doc.text(text, PAGE.left, this.y, { width: WIDTH, align: 'justify', indent: 24, lineGap: LINE_GAP });
    this.y = doc.y + 3;
  }

  /** «1. Цели обработки: …» (or «Срок действия: …» without a number) with the heading in bold. */
  numbered(n: number | null, heading: string, text: string) {
    const doc = this.doc;
    const lead = `${n === null ? '' : `${n}. `}${heading}: `;
    const height = doc.font('serif').fontSize(BODY).heightOfString(`${lead}${text}`, { width: WIDTH, align: 'justify', indent: 24, lineGap: LINE_GAP });
    this.ensure(Math.min(height, 60));
    doc.font('serifBold').fontSize(BODY).fillColor(INK).text(lead, PAGE.left, this.y, { width: WIDTH, align: 'justify', indent: 24, lineGap: LINE_GAP, continued: true });
    doc.font('serif').text(text, { align: 'justify', lineGap: LINE_GAP });
    this.y = doc.y + 3;
  }

  /** The table of publishable data: №, the data, «да □ нет □», conditions (blank). */
  consentTable(rows: string[]) {
    const doc = this.doc;
    const cols = [22, 190, 118, WIDTH - 22 - 190 - 118];
    const xs = cols.reduce<number[]>((acc, c, i) => [...acc, (acc[i] ?? PAGE.left) + c], [PAGE.left]);
    const header = ['№', 'Персональные данные', 'Разрешаю распространение неограниченному кругу лиц', 'Условия и запреты (по желанию)'];
    const pad = 4;
    doc.font('sans').fontSize(8.5);
    const headHeight = Math.max(...header.map((h, i) => doc.heightOfString(h, { width: cols[i] - 2 * pad }))) + 2 * pad;
    const rowHeights = rows.map((r) => Math.max(26, doc.font('serif').fontSize(10.5).heightOfString(r, { width: cols[1] - 2 * pad }) + 2 * pad));
    this.ensure(headHeight + rowHeights.reduce((a, b) => a + b, 0) + 10);
    this.gap(2);
    let y = this.y;
    doc.save().rect(PAGE.left, y, WIDTH, headHeight).fillColor('#eeeeee').fill().restore();
    doc.font('sans').fontSize(8.5).fillColor(INK);
    header.forEach((h, i) => doc.text(h, xs[i] + pad, y + pad, { width: cols[i] - 2 * pad, align: 'center' }));
    const lines: number[] = [y];
    y += headHeight;
    lines.push(y);
    rows.forEach((row, i) => {
      const h = rowHeights[i];
      doc.font('sans').fontSize(10).fillColor(INK).text(String(i + 1), xs[0] + pad, y + pad + 3, { width: cols[0] - 2 * pad, align: 'center' });
      doc.font('serif').fontSize(10.5).text(row, xs[1] + pad, y + (h - doc.heightOfString(row, { width: cols[1] - 2 * pad })) / 2, { width: cols[1] - 2 * pad });
      this.yesNo(xs[2], cols[2], y, h);
      y += h;
      lines.push(y);
    });
    doc.save().lineWidth(0.6).strokeColor(INK);
    for (const ly of lines) doc.moveTo(PAGE.left, ly).lineTo(PAGE.left + WIDTH, ly);
    for (const x of xs) doc.moveTo(x, lines[0]).lineTo(x, y);
    doc.stroke().restore();
    this.y = y + 10;
  }

  /** Two empty boxes, «да» and «нет», centred in a cell: ticked by hand. */
  private yesNo(x: number, width: number, y: number, height: number) {
    const doc = this.doc;
    const box = 9;
    doc.font('serif').fontSize(10.5).fillColor(INK);
    const yes = doc.widthOfString('да');
    const no = doc.widthOfString('нет');
    const total = box + 4 + yes + 18 + box + 4 + no;
    let at = x + (width - total) / 2;
    const top = y + (height - box) / 2;
    for (const word of ['да', 'нет']) {
      doc.save().lineWidth(0.8).strokeColor(INK).rect(at, top, box, box).stroke().restore();
      doc.text(word, at + box + 4, top - 1.5, { lineBreak: false });
      at += box + 4 + doc.widthOfString(word) + 18;
    }
  }
}
