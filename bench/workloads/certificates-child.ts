import fs from 'node:fs';
import PDFDocument from 'pdfkit';
import { DEFAULT_TEMPLATES } from '../../src/certificates/defaults';
import { INK, MUTED, PAGE, layoutCertificate, type PageLayout } from '../../src/certificates/layout';
import { qrRuns } from '../../src/certificates/qr';
import { certificateDocument, faceOf, measurer, renderCertificate, type PrintedRecord } from '../../src/certificates/render';
import { fromRoot } from '../../src/paths';

/**
 * Runs in its own process: the app renders winners' diplomas (layout, fitting, ornaments, QR, PDF) and
 * bare PDFKit draws the same pages — the same lines at the same places in the same fonts, the same QR
 * squares — with nothing else. Rounds alternate between the two, so a busy machine slows both alike;
 * each side reports its best round.
 */
const perRound = Number(process.argv[2] ?? 100);
const rounds = 5;
const BASE_URL = 'https://awards.example.org';

const SURNAMES = ['Иванова', 'Константинопольская-Задунайская', 'Белоусова', 'Щербакова', 'Воронцова-Дашкова', 'Ёлкина', 'Петрова'];
const NAMES = ['Мария', 'Александра-Виктория', 'Надежда', 'Екатерина', 'Анна'];
const PATRONYMICS = ['Петровна', 'Вячеславовна', 'Игоревна', 'Александровна'];
const INSTITUTIONS = [
  'Одинцовская областная больница',
  'Государственное бюджетное учреждение здравоохранения Московской области «Щёлковская областная детская клиническая больница имени профессора Н. Н. Дружининой-Соколовской»',
  'Подольская детская городская больница',
];

function record(i: number): PrintedRecord {
  const last = SURNAMES[i % SURNAMES.length];
  const first = NAMES[i % NAMES.length];
  const patronymic = PATRONYMICS[i % PATRONYMICS.length];
  const fullName = `${last} ${first} ${patronymic}`;
  const number = `PED-2026-${String(i + 1).padStart(4, '0')}`;
  return {
    kind: 'winner', number, code: `bench${String(i).padStart(20, '0')}`, holderName: fullName, place: 1 + (i % 3),
    printed: {
      'nominee.fullName': fullName, 'nominee.lastName': last, 'nominee.firstName': first, 'nominee.patronymic': patronymic,
      'nominee.position': 'врач-педиатр участковый', 'nominee.institution': INSTITUTIONS[i % INSTITUTIONS.length],
      'category.name': i % 2 ? 'Лучший участковый педиатр' : 'Телемедицина, цифровые сервисы и дистанционное консультирование детей',
      place: String(1 + (i % 3)), 'cycle.name': 'Лучший детский врач Подмосковья — 2026', 'cycle.year': '2026', issuedAt: '2 июня 2026 г.', number,
    },
    issuedAt: new Date('2026-06-02T06:00:00Z'),
  };
}

const template = DEFAULT_TEMPLATES.winner;
const records = Array.from({ length: perRound }, (_, i) => record(i));

/** The app's path: exactly what /certificates/CODE.pdf does for a stored record. */
async function appRound(): Promise<{ ms: number; sizes: number[] }> {
  const sizes: number[] = [];
  const start = process.hrtime.bigint();
  for (const r of records) sizes.push((await renderCertificate({ record: r, template, assets: { emblem: null, background: null }, baseUrl: BASE_URL })).pdf.length);
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, sizes };
}

// The baseline's pages: planned once, outside the timing, with the app's layout.
const planDoc = certificateDocument({ title: 'plan', subject: 'plan', date: new Date(0) });
const plans: PageLayout[] = records.map((r) => layoutCertificate(faceOf(r, template, BASE_URL), measurer(planDoc)));
const FONT_FILES = {
  serifBold: fromRoot('node_modules/@expo-google-fonts/pt-serif/700Bold/PTSerif_700Bold.ttf'),
  serif: fromRoot('node_modules/@expo-google-fonts/pt-serif/400Regular/PTSerif_400Regular.ttf'),
  serifItalic: fromRoot('node_modules/@expo-google-fonts/pt-serif/400Regular_Italic/PTSerif_400Regular_Italic.ttf'),
  sans: fromRoot('node_modules/@expo-google-fonts/pt-sans/400Regular/PTSans_400Regular.ttf'),
};
const fontBytes = Object.fromEntries(Object.entries(FONT_FILES).map(([k, f]) => [k, fs.readFileSync(f)]));

function barePage(plan: PageLayout): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', layout: 'landscape', margin: 0, compress: true });
  for (const [name, bytes] of Object.entries(fontBytes)) doc.registerFont(name, bytes);
  doc.rect(18, 18, PAGE.width - 36, PAGE.height - 36).lineWidth(2).stroke('#1d4f91');
  for (const t of plan.texts) {
    doc.font(t.font).fontSize(t.size).fillColor(t.color === 'accent' ? '#1d4f91' : t.color === 'muted' ? MUTED : INK);
    for (const l of t.lines) doc.text(l.text, l.x, l.y, { lineBreak: false, characterSpacing: t.characterSpacing });
  }
  for (const s of plan.signatureLines) doc.moveTo(s.x, s.y).lineTo(s.x + s.width, s.y).lineWidth(0.6).stroke(MUTED);
  const cell = plan.qr.width / plan.qr.size;
  for (const [row, col, len] of qrRuns(plan.qr)) doc.rect(plan.qr.x + col * cell, plan.qr.y + row * cell, len * cell, cell);
  doc.fill(INK);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.end();
  });
}

async function bareRound(): Promise<{ ms: number }> {
  const start = process.hrtime.bigint();
  for (const plan of plans) await barePage(plan);
  return { ms: Number(process.hrtime.bigint() - start) / 1e6 };
}

async function main() {
  await appRound();
  await bareRound(); // warm-up: JIT, font parsing
  let app = Infinity;
  let bare = Infinity;
  let sizes: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const a = await appRound();
    if (a.ms < app) [app, sizes] = [a.ms, a.sizes];
    bare = Math.min(bare, (await bareRound()).ms);
  }
  process.send!({ appPerSec: (perRound * 1000) / app, barePerSec: (perRound * 1000) / bare, maxKb: Math.max(...sizes) / 1024, meanKb: sizes.reduce((s, x) => s + x, 0) / sizes.length / 1024 });
  process.exit(0);
}

void main();
