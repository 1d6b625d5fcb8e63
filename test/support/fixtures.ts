import type { DataSource, EntityManager } from 'typeorm';
import { Cycle, type CycleStatus } from '../../src/cycles/cycle.entity';
import { Category } from '../../src/cycles/category.entity';
import { Nominee } from '../../src/nominations/nominee.entity';
import { Nomination, type NominationStatus } from '../../src/nominations/nomination.entity';
import { insertDocument } from '../../src/nominations/document-store';

const DAY = 24 * 3600 * 1000;

export const LONG_TEXT = 'Двадцать лет ведёт участок, снизила младенческую смертность, наставник молодых врачей. '.repeat(2);

let cycles = 0;

/**
 * A certificate code no other fixture cycle of this test file has (TESTA, TESTB, …): code and year are
 * unique together, as certificate numbers are, and the demo's PED and PAA stay free.
 */
export function nextCycleCode(): string {
  let n = cycles++;
  let letters = '';
  do {
    letters = String.fromCharCode(65 + (n % 26)) + letters;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return `TEST${letters}`;
}

/** A cycle taking nominations now (window from yesterday to in a week), with its categories. */
export async function createCycle(
  m: EntityManager | DataSource,
  opts: Partial<Cycle> & { categories?: Array<Partial<Category>> } = {},
): Promise<{ cycle: Cycle; categories: Category[] }> {
  const now = Date.now();
  const { categories: cats = [{ name: 'Лучший участковый педиатр' }], ...fields } = opts;
  const slug = fields.slug ?? `cycle-${Math.random().toString(36).slice(2, 8)}`;
  const cycle = await m.getRepository(Cycle).save({
    regionId: 1,
    name: 'Лучший детский врач Подмосковья — 2026',
    code: nextCycleCode(),
    year: 2026,
    status: 'nominations_open' as CycleStatus,
    nominationsStart: new Date(now - DAY),
    nominationsEnd: new Date(now + 7 * DAY),
    screeningStart: new Date(now + 7 * DAY),
    screeningEnd: new Date(now + 14 * DAY),
    ...fields,
    slug,
  });
  const categories: Category[] = [];
  for (const [i, c] of cats.entries()) {
    categories.push(await m.getRepository(Category).save({ cycleId: cycle.id, maxWinners: 1, quotaPerMunicipality: null, sortOrder: i, requiredDocuments: [], ...c, name: c.name ?? `Номинация ${i + 1}` }));
  }
  return { cycle, categories };
}

export const completeNominee = (over: Partial<Nominee> = {}) => ({
  lastName: 'Иванова', firstName: 'Мария', patronymic: 'Петровна', position: 'участковый врач-педиатр',
  institution: 'Красногорская городская больница № 1', specialty: 'педиатрия', yearsOfPractice: 12,
  phone: '+7 900 000-00-00', email: 'ivanova@example.org', ...over,
});

/** A nomination inserted directly (bypassing the rules), for setting up a scene. */
export async function createNomination(
  m: EntityManager | DataSource,
  opts: { cycleId: number; categoryId: number | null; municipalityId: number; authorId: number; status?: NominationStatus; nominee?: Partial<Nominee>; withPdf?: boolean; withConsent?: boolean },
): Promise<Nomination> {
  const nominee = await m.getRepository(Nominee).save({ ...completeNominee(opts.nominee), municipalityId: opts.municipalityId });
  const nomination = await m.getRepository(Nomination).save({
    cycleId: opts.cycleId, categoryId: opts.categoryId, nomineeId: nominee.id, municipalityId: opts.municipalityId, authorId: opts.authorId,
    achievements: LONG_TEXT, motivation: LONG_TEXT, status: opts.status ?? 'draft',
    submittedAt: opts.status && opts.status !== 'draft' ? new Date() : null,
  });
  if (opts.withPdf) {
    const data = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    await insertDocument('manager' in m ? m.manager : m, { nominationId: nomination.id, kind: 'recommendation', fileName: 'Ходатайство.pdf', mime: 'application/pdf', size: data.length, sha256: 'x'.repeat(64), uploadedById: opts.authorId ?? null }, data);
  }
  if (opts.withConsent) {
    // the nominee's signed consent to processing, which submission requires (issue 14)
    const data = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    await insertDocument('manager' in m ? m.manager : m, { nominationId: nomination.id, kind: 'consent_processing', fileName: 'Согласие.pdf', mime: 'application/pdf', size: data.length, sha256: 'x'.repeat(64), uploadedById: opts.authorId ?? null }, data);
  }
  return nomination;
}

/** ids of the demo people, by email */
export async function userId(ds: DataSource, email: string): Promise<number> {
  return (await ds.query(`SELECT id FROM app_user WHERE email = $1`, [email]))[0].id;
}

export async function municipalityId(ds: DataSource, name: string): Promise<number> {
  return (await ds.query(`SELECT id FROM municipality WHERE name = $1`, [name]))[0].id;
}
