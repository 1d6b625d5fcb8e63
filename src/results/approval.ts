import type { EntityManager } from 'typeorm';
import { recordAudit } from '../audit/record';
import { ResultSnapshot } from './result.entity';
import { bumpCycle, lockCycle } from './cycle-lock';
import { cycleResults, municipalitiesOf, type CategoryResults } from './category-results';
import { checkOverride, eligibleOf } from './decisions';
import { unscoredOf } from './unscored';
import { unconsentedWinnersOf } from './unconsented';
import { moveNominations } from '../nominations/lifecycle';
import { statusIn } from '../nominations/statuses';

/**
 * Approval freezes the results: for each category a snapshot of the engine's input (with its SHA-256), its
 * output and the final winners; the nominations become winners with their places or not awarded; the cycle
 * becomes approved. Scores cannot change from here on (jurors score only in judging, and criteria are frozen
 * by the submitted scorecards). Reopening, with a reason, supersedes the snapshots and undoes the places.
 */

export interface ApprovalProblem {
  key: string;
  params?: Record<string, string | number | string[]>;
}

export type ResultsMoveResult =
  | { ok: true }
  | { ok: false; problem: 'notFound' | 'stale' | 'notAvailable' | 'reasonRequired' | 'unscoredNotConfirmed' | 'consentNotConfirmed' }
  | { ok: false; problem: 'blocked'; problems: ApprovalProblem[] };

// a list of names: the translator quotes each the language's way
const quoted = (list: CategoryResults[]) => list.map((r) => r.category.name);

/** What keeps a cycle's results from being approved, as sentences for the admin (empty: nothing). */
export function approvalProblems(results: CategoryResults[]): ApprovalProblem[] {
  const judged = results.filter((r) => r.computed);
  const problems: ApprovalProblem[] = [];
  if (!judged.length) problems.push({ key: 'results.problem.nothingJudged' });
  const invalid = judged.filter((r) => !r.computed!.ok);
  if (invalid.length) problems.push({ key: 'results.problem.invalidInput', params: { categories: quoted(invalid) } });
  const undecided = judged.filter((r) => r.decision && r.decision.final === null);
  if (undecided.length) problems.push({ key: 'results.problem.undecided', params: { categories: quoted(undecided) } });
  // An override made earlier must still hold on today's data (a nomination withdrawn since, say).
  const broken = judged.filter((r) => {
    if (!r.computed!.ok || !r.decision?.override) return false;
    const check = checkOverride(r.decision.override, { maxWinners: r.category.maxWinners, quotaPerMunicipality: r.category.quotaPerMunicipality, eligible: eligibleOf(r.computed!.output, municipalitiesOf(r)) });
    return !check.ok;
  });
  if (broken.length) problems.push({ key: 'results.problem.overrideInvalid', params: { categories: quoted(broken) } });
  return problems;
}

/** What the admin ticked on the approval page, knowing what it means. */
export interface ApprovalConfirmations {
  /** the accepted nominations without a counted scorecard (unscored.ts) become not awarded */
  unscored?: boolean;
  /** the winners without a full publication consent (unconsented.ts) are published only as far as it allows */
  consent?: boolean;
}

export async function approveResults(m: EntityManager, cycleId: number, version: number, actorId: number, now = new Date(), confirmed: ApprovalConfirmations = {}): Promise<ResultsMoveResult> {
  const cycle = await lockCycle(m, cycleId);
  if (!cycle) return { ok: false, problem: 'notFound' };
  if (cycle.version !== version) return { ok: false, problem: 'stale' };
  if (cycle.status !== 'deliberation') return { ok: false, problem: 'notAvailable' };
  const results = await cycleResults(m, cycleId);
  const problems = approvalProblems(results);
  if (problems.length) return { ok: false, problem: 'blocked', problems };
  if (!confirmed.unscored && unscoredOf(results).length) return { ok: false, problem: 'unscoredNotConfirmed' };
  const unconsented = (await unconsentedWinnersOf(m, results)).flatMap((c) => c.winners.map((w) => w.id));
  if (!confirmed.consent && unconsented.length) return { ok: false, problem: 'consentNotConfirmed' };

  for (const r of results) {
    if (!r.computed?.ok || !r.decision?.final) continue;
    const winners = r.decision.final;
    const inserted = await m.insert(ResultSnapshot, {
      cycleId, categoryId: r.category.id, method: r.computed.output.method, inputHash: r.computed.hash,
      input: r.input, output: r.computed.output, winners, approvedById: actorId, approvedAt: now,
    });
    // the nominations' moves (status, place, version, audit entry each) are the lifecycle's: nominations/lifecycle.ts
    await moveNominations(m, winners, 'award', { actorId, now, places: new Map(winners.map((id, i) => [id, i + 1])) });
    const others: Array<{ id: number }> = await m.query(
      `SELECT n.id FROM nomination n WHERE n.category_id = $1 AND ${statusIn('underJudging')} AND NOT (n.id = ANY($2::int[])) ORDER BY n.id`,
      [r.category.id, winners],
    );
    await moveNominations(m, others.map((o) => o.id), 'passOver', { actorId, now });
    await recordAudit(m, {
      actorId, entity: 'category', entityId: r.category.id, cycleId, action: 'results.approved',
      data: { snapshotId: inserted.identifiers[0].id as number, method: r.computed.output.method, inputHash: r.computed.hash, winners, notAwarded: others.map((o) => o.id).sort((a, b) => a - b) },
    });
  }
  await bumpCycle(m, cycleId, { status: 'approved', approvedAt: now });
  // the winners the admin knowingly approved without a full publication consent: ids only, no personal data
  await recordAudit(m, {
    actorId, entity: 'cycle', entityId: cycleId, cycleId, action: 'results.approved', from: 'deliberation', to: 'approved',
    ...(unconsented.length ? { data: { withoutFullPublicationConsent: unconsented.sort((a, b) => a - b) } } : {}),
  });
  return { ok: true };
}

/** Back to deliberation with a reason: the snapshots are superseded, the nominations are accepted again, unplaced. */
export async function reopenResults(m: EntityManager, cycleId: number, version: number, reason: string, actorId: number, now = new Date()): Promise<ResultsMoveResult> {
  const why = reason.trim();
  const cycle = await lockCycle(m, cycleId);
  if (!cycle) return { ok: false, problem: 'notFound' };
  if (cycle.version !== version) return { ok: false, problem: 'stale' };
  if (cycle.status !== 'approved') return { ok: false, problem: 'notAvailable' };
  if (!why) return { ok: false, problem: 'reasonRequired' };
  await m.query(`UPDATE result_snapshot SET superseded_at = $2, superseded_reason = $3 WHERE cycle_id = $1 AND superseded_at IS NULL`, [cycleId, now, why]);
  const placed: Array<{ id: number }> = await m.query(`SELECT n.id FROM nomination n WHERE n.cycle_id = $1 AND ${statusIn('placed')} ORDER BY n.id`, [cycleId]);
  const undone = placed.map((p) => ({ id: p.id }));
  await moveNominations(m, undone.map((u) => u.id), 'reopen', { actorId, now, reason: why });
  await bumpCycle(m, cycleId, { status: 'deliberation', approvedAt: null });
  await recordAudit(m, {
    actorId, entity: 'cycle', entityId: cycleId, cycleId, action: 'results.reopened', from: 'approved', to: 'deliberation', reason: why,
    data: { nominations: undone.map((u) => u.id).sort((a, b) => a - b) },
  });
  return { ok: true };
}
