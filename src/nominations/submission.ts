import type { EntityManager } from 'typeorm';
import { Category } from '../cycles/category.entity';
import { Cycle } from '../cycles/cycle.entity';
import { Nominee } from './nominee.entity';
import { canWithdraw, officerEditWindow, submissionProblems, type Problems } from './rules';
import { lockOfficerNomination, type Officer } from './scope';
import { isIn, statusIn } from './statuses';
import { moveNomination } from './lifecycle';
import { normaliseName, fullName } from '../text/normalise';
import { publicFieldsOf } from '../consent/public-fields';
import { withApplicationRules } from '../programmes/applications';
import { declaredLanguagesOf } from '../programmes/application-languages';

export type SubmitResult =
  | { ok: true; version: number }
  | { ok: false; problem: 'notFound' | 'conflict' | 'notSubmittable' }
  | { ok: false; problem: 'closed'; deadline: Date | null }
  | { ok: false; problem: 'rules'; problems: Problems };

/**
 * Submits a draft or a returned nomination when it is complete and eligible. The category row is
 * locked first, so officers submitting at the same moment are counted one after another and the
 * quota per municipality holds; a partial unique index backs the "one nominee once per category" rule.
 */
export async function submitNomination(m: EntityManager, officer: Officer, id: number, version: number, now = new Date()): Promise<SubmitResult> {
  const own = await lockOfficerNomination(m, officer, id);
  if (!own) return { ok: false, problem: 'notFound' };
  const { nomination, cycle } = own;
  if (!isIn('editable', nomination.status)) return { ok: false, problem: 'notSubmittable' };
  if (nomination.version !== version) return { ok: false, problem: 'conflict' };
  const window = officerEditWindow(cycle, nomination.status, now);
  if (!window.open) return { ok: false, problem: 'closed', deadline: window.deadline };

  const category = nomination.categoryId
    ? await m.findOne(Category, { where: { id: nomination.categoryId }, lock: { mode: 'pessimistic_write' } })
    : null;
  const nominee = await m.findOneOrFail(Nominee, { where: { id: nomination.nomineeId } });
  const kinds: Array<{ kind: string }> = await m.query(`SELECT DISTINCT kind FROM attachment WHERE nomination_id = $1`, [id]);
  const nominationProblems = submissionProblems({
    category,
    nominee,
    achievements: nomination.achievements,
    motivation: nomination.motivation,
    attachmentKinds: kinds.map((k) => k.kind),
    publicationAsked: ((await publicFieldsOf(m, [id])).get(id)?.size ?? 0) > 0,
    recentWinYear: category ? await recentWinYear(m, cycle, category, nominee) : null,
  });
  // a programme's application: its tracks stand for the category, and their requirements are checked too; the
  // cycle's row lock counts officers submitting the same doctor one after the other
  if (cycle.kind === 'programme') await m.findOne(Cycle, { where: { id: cycle.id }, lock: { mode: 'pessimistic_write' } });
  const problems = cycle.kind === 'programme'
    ? await withApplicationRules(m, id, nominee, await declaredLanguagesOf(m, id), kinds.map((k) => k.kind), nominationProblems)
    : nominationProblems;
  if (category && !problems.categoryId) {
    if (category.quotaPerMunicipality !== null && (await activeCount(m, category.id, officer.municipalityId, id)) >= category.quotaPerMunicipality) {
      problems.categoryId = { key: 'nominations.rules.quotaFull', params: { quota: category.quotaPerMunicipality } };
    } else if (await alreadyNominated(m, category.id, nominee, id)) {
      problems.categoryId = { key: 'nominations.rules.duplicate' };
    }
  }
  if (Object.keys(problems).length) return { ok: false, problem: 'rules', problems };

  const moved = await moveNomination(m, nomination, 'submit', { actorId: officer.id, now });
  return { ok: true, version: moved.version };
}

export type WithdrawResult = { ok: true } | { ok: false; problem: 'notFound' | 'conflict' } | { ok: false; problem: 'closed'; deadline: Date | null };

/** Withdraws a nomination before screening starts; the slot in the quota is freed. */
export async function withdrawNomination(m: EntityManager, officer: Officer, id: number, version: number, now = new Date()): Promise<WithdrawResult> {
  const own = await lockOfficerNomination(m, officer, id);
  if (!own) return { ok: false, problem: 'notFound' };
  const { nomination, cycle } = own;
  if (nomination.version !== version) return { ok: false, problem: 'conflict' };
  if (!canWithdraw(cycle, nomination.status, now)) return { ok: false, problem: 'closed', deadline: cycle.nominationsEnd };
  await moveNomination(m, nomination, 'withdraw', { actorId: officer.id, now });
  return { ok: true };
}

async function activeCount(m: EntityManager, categoryId: number, municipalityId: number, exceptId: number): Promise<number> {
  const rows = await m.query(
    `SELECT count(*)::int AS n FROM nomination n WHERE n.category_id = $1 AND n.municipality_id = $2 AND n.id <> $3 AND ${statusIn('active')}`,
    [categoryId, municipalityId, exceptId],
  );
  return rows[0].n;
}

/** The same person — the same nominee record, or the same full name in the same municipality — already in the category. */
async function alreadyNominated(m: EntityManager, categoryId: number, nominee: Nominee, exceptId: number): Promise<boolean> {
  const rows: Array<{ last_name: string; first_name: string; patronymic: string; nominee_id: number }> = await m.query(
    `SELECT p.id AS nominee_id, p.last_name, p.first_name, p.patronymic FROM nomination n JOIN nominee p ON p.id = n.nominee_id
      WHERE n.category_id = $1 AND n.id <> $2 AND ${statusIn('active')} AND p.municipality_id = $3`,
    [categoryId, exceptId, nominee.municipalityId],
  );
  const name = normaliseName(fullName(nominee));
  return rows.some((r) => r.nominee_id === nominee.id || normaliseName(fullName({ lastName: r.last_name, firstName: r.first_name, patronymic: r.patronymic })) === name);
}

/** The year of the nominee's win in a same-named category within the category's exclusion period, if any. */
async function recentWinYear(m: EntityManager, cycle: Cycle, category: Category, nominee: Nominee): Promise<number | null> {
  if (category.pastWinnersExcludedYears <= 0) return null;
  const rows: Array<{ year: number; category_name: string; last_name: string; first_name: string; patronymic: string }> = await m.query(
    `SELECT c.year, k.name AS category_name, p.last_name, p.first_name, p.patronymic
       FROM nomination n JOIN cycle c ON c.id = n.cycle_id JOIN category k ON k.id = n.category_id JOIN nominee p ON p.id = n.nominee_id
      WHERE ${statusIn('awarded')} AND c.id <> $1 AND c.year >= $2 AND c.year < $3 AND p.municipality_id = $4`,
    [cycle.id, cycle.year - category.pastWinnersExcludedYears, cycle.year + 1, nominee.municipalityId],
  );
  const name = normaliseName(fullName(nominee));
  const hit = rows.find((r) => normaliseName(r.category_name) === normaliseName(category.name) && normaliseName(fullName({ lastName: r.last_name, firstName: r.first_name, patronymic: r.patronymic })) === name);
  return hit ? hit.year : null;
}
