import type { EntityManager } from 'typeorm';
import type { Cycle, CycleStatus } from '../cycles/cycle.entity';
import { recordAudit } from '../audit/record';
import { InvalidAllocationError, type AllocationState, type ForcedPlace } from './engine';
import { ProgrammeAllocation } from './allocation.entity';
import { allocationOf, rankingInput, type RankingInput } from './allocation-compute';
import { mayChangeAllocation } from './allocation-rules';
import { applicationPeople, rankingsOf, type SelectionRanking } from './selection';
import { offerPlace } from './offers';
import { Track } from './track.entity';

/** Why a change of the allocation was refused; the route says it in the admin's language. */
export type AllocationRefusal =
  | { ok: false; refused: 'notFound' }
  /** the programme is not in the phase «распределение мест» */
  | { ok: false; refused: 'phase'; phase: CycleStatus }
  /** the page the form came from is out of date: someone changed the allocation since */
  | { ok: false; refused: 'conflict' }
  | { ok: false; refused: 'approved' }
  /** the input does not fit: said next to the form, the input kept */
  | { ok: false; problem: AllocationProblem; params?: Record<string, string | number> };

export type AllocationProblem = 'notApplicant' | 'notTrack' | 'full' | 'quota' | 'notFixed' | 'deadlinePast' | 'noEmail' | 'invalid';

export type AllocationChange = { ok: true } | AllocationRefusal;

interface Locked {
  cycle: Pick<Cycle, 'id' | 'rankingScope' | 'status'>;
  ranking: SelectionRanking;
  row: ProgrammeAllocation;
  input: RankingInput;
}

/**
 * The ranking's allocation row, created on first change and locked for the transaction; the programme's row is
 * share-locked first, so a phase move (which locks it for update) waits for the change or sees it done.
 */
async function lockAllocation(m: EntityManager, cycleId: number, categoryId: number, version: number): Promise<Locked | AllocationRefusal> {
  const [cycle]: Array<Locked['cycle'] & { kind: string }> = await m.query(
    `SELECT id, kind, status, ranking_scope AS "rankingScope" FROM cycle WHERE id = $1 FOR SHARE`,
    [cycleId],
  );
  if (!cycle || cycle.kind !== 'programme') return { ok: false, refused: 'notFound' };
  const ranking = (await rankingsOf(m, cycleId)).find((r) => r.categoryId === categoryId);
  if (!ranking) return { ok: false, refused: 'notFound' };
  if (!mayChangeAllocation(cycle.status)) return { ok: false, refused: 'phase', phase: cycle.status };
  await m.query(`INSERT INTO programme_allocation (cycle_id, category_id) VALUES ($1, $2) ON CONFLICT (cycle_id, category_id) DO NOTHING`, [cycleId, categoryId]);
  const row = await m.findOneOrFail(ProgrammeAllocation, { where: { cycleId, categoryId }, lock: { mode: 'pessimistic_write' } });
  if (row.approvedAt) return { ok: false, refused: 'approved' };
  if (row.version !== version) return { ok: false, refused: 'conflict' };
  const tracks = await m.find(Track, { where: { cycleId } });
  return { cycle, ranking, row, input: await rankingInput(m, cycle, ranking, tracks) };
}

/** The state of the new forced list, or the engine's refusal (a backstop: the checks before it say it better). */
function recompute(input: RankingInput, forced: ForcedPlace[]): AllocationState | AllocationRefusal {
  try {
    return allocationOf(input, forced);
  } catch (err) {
    if (err instanceof InvalidAllocationError) return { ok: false, problem: 'invalid', params: { problems: err.problems.join('; ') } };
    throw err;
  }
}

/**
 * Fixed places must fit as the engine requires (engine/validate.ts): no more of them on a track than its places,
 * nor of one municipality than its quota. Places given by turn do not count: the run after the fixed places
 * moves those applicants on.
 */
function fitProblem(input: RankingInput, forced: readonly ForcedPlace[], placed: ForcedPlace): AllocationRefusal | null {
  const track = input.tracks.find((t) => t.id === placed.track)!;
  const municipalityOf = new Map(input.applicants.map((a) => [a.id, a.municipality]));
  const onTrack = forced.filter((f) => f.track === placed.track);
  if (onTrack.length > track.places) return { ok: false, problem: 'full', params: { count: track.places } };
  const sameMunicipality = onTrack.filter((f) => municipalityOf.get(f.applicant) === municipalityOf.get(placed.applicant));
  if (track.quotaPerMunicipality !== null && sameMunicipality.length > track.quotaPerMunicipality) return { ok: false, problem: 'quota', params: { quota: track.quotaPerMunicipality } };
  return null;
}

async function save(m: EntityManager, row: ProgrammeAllocation, values: Partial<Pick<ProgrammeAllocation, 'state' | 'forced' | 'approvedAt' | 'approvedById'>>): Promise<void> {
  await m.update(ProgrammeAllocation, { id: row.id }, { ...values, version: row.version + 1 });
}

export interface FixPlaceInput {
  cycleId: number;
  categoryId: number;
  version: number;
  nominationId: number;
  trackId: number;
  reason: string;
  actorId: number;
}

/**
 * «Закрепить место»: the applicant gets the track whatever their turn, for the written reason; everyone else is
 * allocated again after the fixed places. Fixing the same applicant again replaces their fixed place. Audited
 * with the reason (ids only, never the person's name).
 */
export async function fixPlace(m: EntityManager, input: FixPlaceInput): Promise<AllocationChange> {
  const locked = await lockAllocation(m, input.cycleId, input.categoryId, input.version);
  if (!('row' in locked)) return locked;
  const { row, input: ranking } = locked;
  const placed: ForcedPlace = { applicant: String(input.nominationId), track: String(input.trackId), reason: input.reason };
  if (!ranking.applicants.some((a) => a.id === placed.applicant)) return { ok: false, problem: 'notApplicant' };
  if (!ranking.tracks.some((t) => t.id === placed.track)) return { ok: false, problem: 'notTrack' };
  const forced = [...row.forced.filter((f) => f.applicant !== placed.applicant), placed];
  const misfit = fitProblem(ranking, forced, placed);
  if (misfit) return misfit;
  const state = recompute(ranking, forced);
  if ('ok' in state) return state;
  await save(m, row, { state, forced });
  await recordAudit(m, {
    actorId: input.actorId,
    entity: 'programme_allocation',
    entityId: row.id,
    cycleId: input.cycleId,
    action: 'allocation.placeFixed',
    reason: input.reason,
    data: { categoryId: input.categoryId, nominationId: input.nominationId, trackId: input.trackId },
  });
  return { ok: true };
}

/** Removes a fixed place (with a reason, audited): the applicant takes their turn again like everyone else. */
export async function unfixPlace(m: EntityManager, input: Omit<FixPlaceInput, 'trackId'>): Promise<AllocationChange> {
  const locked = await lockAllocation(m, input.cycleId, input.categoryId, input.version);
  if (!('row' in locked)) return locked;
  const { row, input: ranking } = locked;
  const was = row.forced.find((f) => f.applicant === String(input.nominationId));
  if (!was) return { ok: false, problem: 'notFixed' };
  const forced = row.forced.filter((f) => f !== was);
  const state = recompute(ranking, forced);
  if ('ok' in state) return state;
  await save(m, row, { state, forced });
  await recordAudit(m, {
    actorId: input.actorId,
    entity: 'programme_allocation',
    entityId: row.id,
    cycleId: input.cycleId,
    action: 'allocation.placeUnfixed',
    reason: input.reason,
    data: { categoryId: input.categoryId, nominationId: input.nominationId, trackId: Number(was.track) },
  });
  return { ok: true };
}

export interface ApproveInput {
  cycleId: number;
  categoryId: number;
  version: number;
  /** the confirmation deadline of every offer */
  expiresAt: Date;
  actorId: number;
  now?: Date;
}

/**
 * «Утвердить распределение», in the caller's one transaction: the allocation as computed now is frozen
 * (approvedAt/By) and every placed applicant is offered their place (offers.ts: the participant, the one-time
 * link, the mail). From then on only the reserve moves people (release.ts).
 */
export async function approveAllocation(m: EntityManager, input: ApproveInput): Promise<AllocationChange | { ok: true; offered: number }> {
  const now = input.now ?? new Date();
  const locked = await lockAllocation(m, input.cycleId, input.categoryId, input.version);
  if (!('row' in locked)) return locked;
  const { row, input: ranking } = locked;
  if (input.expiresAt <= now) return { ok: false, problem: 'deadlinePast' };
  const state = recompute(ranking, row.forced);
  if ('ok' in state) return state;
  const placed = state.placements.filter((p) => !p.out && p.track !== null);
  const people = await applicationPeople(m, placed.map((p) => Number(p.applicant)));
  // the offer is mailed to the doctor: a place nobody can be told of would only expire
  const unreachable = placed.filter((p) => !people.get(Number(p.applicant))?.email);
  if (unreachable.length) {
    const names = unreachable.map((p) => people.get(Number(p.applicant))).map((x) => (x ? `${x.lastName} ${x.firstName}`.trim() : '?'));
    return { ok: false, problem: 'noEmail', params: { names: names.join(', ') } };
  }
  await save(m, row, { state, approvedAt: now, approvedById: input.actorId });
  for (const p of placed) {
    await offerPlace(m, {
      cycleId: input.cycleId,
      trackId: Number(p.track),
      nominationId: Number(p.applicant),
      person: people.get(Number(p.applicant))!,
      expiresAt: input.expiresAt,
      actorId: input.actorId,
    });
  }
  await recordAudit(m, {
    actorId: input.actorId,
    entity: 'programme_allocation',
    entityId: row.id,
    cycleId: input.cycleId,
    action: 'allocation.approved',
    data: { categoryId: input.categoryId, offered: placed.length, forced: row.forced.length, expiresAt: input.expiresAt.toISOString() },
  });
  return { ok: true, offered: placed.length };
}
