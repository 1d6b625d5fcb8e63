import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { createCycle, createNomination, municipalityId, userId } from '../support/fixtures';
import { Scorecard } from '../../src/jury/scorecard.entity';
import { Nomination } from '../../src/nominations/nomination.entity';

/** The demo's longest name and institution: whatever fits these fits everything. */
export const LONGEST = {
  lastName: 'Константинопольская-Задунайская',
  firstName: 'Александра-Виктория',
  patronymic: 'Вячеславовна',
  position: 'заведующая педиатрическим отделением, врач-педиатр высшей квалификационной категории',
  institution: 'Государственное бюджетное учреждение здравоохранения Московской области «Щёлковская областная детская клиническая больница имени профессора Н. Н. Дружининой-Соколовской»',
};
export const LONG_CATEGORY = 'Телемедицина, цифровые сервисы и дистанционное консультирование детей и их родителей в отдалённых населённых пунктах';

/**
 * A published cycle with two categories: winners (places set directly, as the results approval would),
 * nominees who did not win, and the three demo jurors with submitted scorecards.
 */
export async function createPublishedScene(ds: DataSource, opts: { code?: string; winners?: number; others?: number } = {}) {
  const { cycle, categories } = await createCycle(ds, {
    status: 'published', ...(opts.code ? { code: opts.code } : {}), publishedAt: new Date(),
    categories: [{ name: 'Лучший участковый педиатр', maxWinners: 3 }, { name: LONG_CATEGORY }],
  });
  const officer = await userId(ds, 'officer@example.org');
  const krasnogorsk = await municipalityId(ds, 'Красногорск');
  const winners: Nomination[] = [];
  for (let i = 0; i < (opts.winners ?? 2); i++) {
    const nominee = i === 1 ? LONGEST : { lastName: `Победитель${i}`, firstName: 'Мария', patronymic: 'Петровна' };
    const n = await createNomination(ds, { cycleId: cycle.id, categoryId: categories[i % 2].id, municipalityId: krasnogorsk, authorId: officer, status: 'winner', nominee });
    await ds.getRepository(Nomination).update(n.id, { place: 1 + Math.floor(i / 2) });
    winners.push({ ...n, place: 1 + Math.floor(i / 2) });
  }
  const others: Nomination[] = [];
  for (let i = 0; i < (opts.others ?? 2); i++) {
    others.push(await createNomination(ds, { cycleId: cycle.id, categoryId: categories[0].id, municipalityId: krasnogorsk, authorId: officer, status: i % 2 ? 'accepted' : 'not_awarded', nominee: { lastName: `Номинант${i}` } }));
  }
  // every nominee consented to the publication of all their public data (consent/public-fields.ts)
  await ds.query(`INSERT INTO publication_consent (nomination_id, full_name, position, institution, municipality) SELECT id, true, true, true, true FROM unnest($1::int[]) AS id`, [[...winners, ...others].map((n) => n.id)]);
  const jurors = [await userId(ds, 'juror@example.org'), await userId(ds, 'juror2@example.org'), await userId(ds, 'juror3@example.org')];
  // two jurors judged; the third never submitted a scorecard and gets no letter
  for (const jurorId of jurors.slice(0, 2)) {
    await ds.getRepository(Scorecard).save({ jurorId, nominationId: winners[0].id, status: 'submitted', submittedAt: new Date(), weightedTotal: 7 });
  }
  await ds.getRepository(Scorecard).save({ jurorId: jurors[2], nominationId: winners[0].id, status: 'draft' });
  const admin = await userId(ds, 'admin@example.org');
  return { cycle, categories, winners, others, jurors, admin };
}

/** The text of a PDF as poppler's pdftotext extracts it (what a search engine or a screen reader gets). */
export function pdfText(pdf: Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cert-'));
  try {
    fs.writeFileSync(path.join(dir, 'c.pdf'), pdf);
    return execFileSync('pdftotext', ['-enc', 'UTF-8', path.join(dir, 'c.pdf'), '-'], { encoding: 'utf8' });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** pdfinfo's fields (Pages, Page size, …) of a PDF; throws when poppler cannot open it. */
export function pdfInfo(pdf: Buffer): Record<string, string> {
  const out = execFileSync('pdfinfo', ['-'], { input: pdf, encoding: 'utf8' });
  return Object.fromEntries(out.split('\n').filter((l) => l.includes(':')).map((l) => [l.slice(0, l.indexOf(':')).trim(), l.slice(l.indexOf(':') + 1).trim()]));
}

/** Words joined across pdftotext's line breaks, for phrases that may wrap. */
export const flat = (text: string) => text.replace(/\s+/g, ' ');
