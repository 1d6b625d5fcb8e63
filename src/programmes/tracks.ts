import type { EntityManager } from 'typeorm';
import type { CycleKind, CycleStatus } from '../cycles/cycle.entity';
import { recordAudit } from '../audit/record';
import { Track } from './track.entity';
import type { TrackInput } from './track-forms';
import { mayChangeTracks } from './track-rules';
import { syncSelectionCategories } from './selection';

export type SaveTrackResult =
  | { ok: true; id: number; cycleId: number }
  | { ok: false; notFound: true }
  | { ok: false; problems: Partial<Record<keyof TrackInput, 'nameTaken'>> }
  /** the programme's phase no longer allows changing its tracks (track-rules.ts) */
  | { ok: false; phase: CycleStatus };

export type DeleteTrackResult =
  | { ok: true; cycleId: number; name: string }
  | { ok: false; notFound: true }
  | { ok: false; phase: CycleStatus }
  /** applications that rank the track: it stays, so no submitted choice is lost */
  | { ok: false; cycleId: number; applications: number }
  /** people already hold or are offered places on it (a delegation imported): they are not deleted with it */
  | { ok: false; cycleId: number; participants: number };

/**
 * Locks the programme's row, so that a phase move (which locks it too) cannot slip between the phase check
 * and the change. Null for no such cycle, or an award (awards have categories).
 */
async function lockProgramme(m: EntityManager, cycleId: number): Promise<CycleStatus | null> {
  const rows: Array<{ status: CycleStatus; kind: CycleKind }> = await m.query(`SELECT status, kind FROM cycle WHERE id = $1 FOR UPDATE`, [cycleId]);
  return rows[0]?.kind === 'programme' ? rows[0].status : null;
}

async function nameTaken(m: EntityManager, cycleId: number, name: string, exceptId: number): Promise<boolean> {
  // case-insensitive, as for categories: two tracks an applicant cannot tell apart by name
  const rows: unknown[] = await m.query(`SELECT 1 FROM track WHERE cycle_id = $1 AND lower(name) = lower($2) AND id <> $3`, [cycleId, name, exceptId]);
  return rows.length > 0;
}

/** What the audit log keeps of a track: everything but the free-text description. */
const auditData = ({ description: _description, ...rest }: TrackInput) => rest;

export async function createTrack(m: EntityManager, cycleId: number, input: TrackInput, actorId: number): Promise<SaveTrackResult> {
  const status = await lockProgramme(m, cycleId);
  if (!status) return { ok: false, notFound: true };
  if (!mayChangeTracks(status)) return { ok: false, phase: status };
  if (await nameTaken(m, cycleId, input.name, 0)) return { ok: false, problems: { name: 'nameTaken' } };
  const [{ next }]: Array<{ next: number }> = await m.query(`SELECT coalesce(max(sort_order), 0) + 1 AS next FROM track WHERE cycle_id = $1`, [cycleId]);
  const inserted = await m.insert(Track, { ...input, cycleId, sortOrder: next });
  const id = inserted.identifiers[0].id as number;
  await syncSelectionCategories(m, cycleId);
  await recordAudit(m, { actorId, entity: 'track', entityId: id, cycleId, action: 'track.created', data: auditData(input) });
  return { ok: true, id, cycleId };
}

export async function updateTrack(m: EntityManager, id: number, input: TrackInput, actorId: number): Promise<SaveTrackResult> {
  const track = await m.findOne(Track, { where: { id } });
  if (!track) return { ok: false, notFound: true };
  const status = await lockProgramme(m, track.cycleId);
  if (!status) return { ok: false, notFound: true };
  if (!mayChangeTracks(status)) return { ok: false, phase: status };
  if (await nameTaken(m, track.cycleId, input.name, id)) return { ok: false, problems: { name: 'nameTaken' } };
  await m.update(Track, { id }, input);
  await syncSelectionCategories(m, track.cycleId);
  await recordAudit(m, { actorId, entity: 'track', entityId: id, cycleId: track.cycleId, action: 'track.updated', data: auditData(input) });
  return { ok: true, id, cycleId: track.cycleId };
}

/** Deletes a track no application ranks, while the programme's phase allows changing tracks. */
export async function deleteTrack(m: EntityManager, id: number, actorId: number): Promise<DeleteTrackResult> {
  const track = await m.findOne(Track, { where: { id } });
  if (!track) return { ok: false, notFound: true };
  const status = await lockProgramme(m, track.cycleId);
  if (!status) return { ok: false, notFound: true };
  if (!mayChangeTracks(status)) return { ok: false, phase: status };
  // FOR UPDATE: waits for a transaction that is adding a preference for this track (it holds a key-share lock)
  await m.query(`SELECT id FROM track WHERE id = $1 FOR UPDATE`, [id]);
  const [{ n }]: Array<{ n: number }> = await m.query(`SELECT count(DISTINCT nomination_id)::int AS n FROM track_preference WHERE track_id = $1`, [id]);
  if (n > 0) return { ok: false, cycleId: track.cycleId, applications: n };
  const [{ people }]: Array<{ people: number }> = await m.query(`SELECT count(*)::int AS people FROM participant WHERE track_id = $1`, [id]);
  if (people > 0) return { ok: false, cycleId: track.cycleId, participants: people };
  await m.delete(Track, { id });
  await syncSelectionCategories(m, track.cycleId);
  await recordAudit(m, { actorId, entity: 'track', entityId: id, cycleId: track.cycleId, action: 'track.deleted', data: { name: track.name } });
  return { ok: true, cycleId: track.cycleId, name: track.name };
}
