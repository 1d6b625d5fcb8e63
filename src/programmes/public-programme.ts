import type { EntityManager } from 'typeorm';
import { Cycle } from '../cycles/cycle.entity';
import { Track } from './track.entity';
import { trackView } from './track-view';

export const publicProgrammePath = (slug: string) => `/programmes/${encodeURIComponent(slug)}`;

/**
 * The public page of a programme: what each track is, where, when and how many places, for doctors and
 * officers deciding where to apply. Shown only while applications are open (null otherwise: the call is
 * over, or not yet announced).
 */
export async function publicProgramme(m: EntityManager, slug: string) {
  const cycle = await m.findOne(Cycle, { where: { slug, kind: 'programme', status: 'nominations_open' } });
  if (!cycle) return null;
  const tracks = await m.find(Track, { where: { cycleId: cycle.id }, order: { sortOrder: 'ASC', id: 'ASC' } });
  return {
    programme: { name: cycle.name, description: cycle.description, year: cycle.year, nominationsStart: cycle.nominationsStart, nominationsEnd: cycle.nominationsEnd },
    // announced ahead of its start: it takes no applications yet
    upcoming: !!cycle.nominationsStart && cycle.nominationsStart > new Date(),
    totalPlaces: tracks.reduce((sum, t) => sum + t.places, 0),
    tracks: tracks.map(trackView),
  };
}
