import type { EntityManager } from 'typeorm';
import { Track } from './track.entity';

export interface TrackRow extends Track {
  /** applications that rank the track: any of them keeps it from being deleted */
  applications: number;
}

/** A programme's tracks in the order of its pages, each with how many applications rank it. */
export async function listTracks(m: EntityManager, cycleId: number): Promise<TrackRow[]> {
  const tracks = await m.find(Track, { where: { cycleId }, order: { sortOrder: 'ASC', id: 'ASC' } });
  if (!tracks.length) return [];
  const counts: Array<{ track_id: number; n: number }> = await m.query(
    `SELECT p.track_id, count(DISTINCT p.nomination_id)::int AS n FROM track_preference p JOIN track t ON t.id = p.track_id
      WHERE t.cycle_id = $1 GROUP BY p.track_id`,
    [cycleId],
  );
  const byId = new Map(counts.map((c) => [c.track_id, c.n]));
  return tracks.map((t) => Object.assign(t, { applications: byId.get(t.id) ?? 0 }));
}

export function getTrack(m: EntityManager, id: number): Promise<Track | null> {
  return m.findOne(Track, { where: { id } });
}
