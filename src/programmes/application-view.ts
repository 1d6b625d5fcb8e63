import type { EntityManager } from 'typeorm';
import type { Cycle } from '../cycles/cycle.entity';
import { LANGUAGE_LEVELS, Track } from './track.entity';
import { trackView } from './track-view';
import { PREFERENCE_FIELDS } from './applications';
import { declaredLanguagesOf, languageKey, programmeLanguages } from './application-languages';
import { preferencesOf } from './selection';

/**
 * What the officer's pages show of a programme's application (issue 12), built here so the nomination pages
 * branch on the cycle's kind in one place: a `programme` view model beside the award's category fields.
 */

const competitiveTracks = (m: EntityManager, cycleId: number) =>
  m.find(Track, { where: { cycleId, placeMethod: 'competitive' }, order: { sortOrder: 'ASC', id: 'ASC' } });

/** A track as the officer chooses it: where, when, how many places, and what it asks of the doctor. */
function trackCard(t: Track) {
  const v = trackView(t);
  return { ...v, documentKeys: t.requiredDocuments.map((k) => `nominations.documentKinds.${k}`) };
}

/** The stored application as form values (an award's nomination has none). */
export async function storedApplication(m: EntityManager, n: { id: number; cycle: Pick<Cycle, 'kind'> }): Promise<{ preferences?: number[]; languages?: string[] }> {
  if (n.cycle.kind !== 'programme') return {};
  const declared = await declaredLanguagesOf(m, n.id);
  return { preferences: (await preferencesOf(m, [n.id])).get(n.id) ?? [], languages: Object.entries(declared).map(([language, level]) => `${language}|${level}`) };
}

/**
 * The programme's part of the application form: the ranked choices (one in 'track' scope), a level select per
 * language its tracks teach in, and the tracks with their requirements. Values are as typed; errors as nested.
 */
export async function applicationFields(m: EntityManager, cycle: Cycle, values: { preferences: string[]; languages: string[] }, errors: Record<string, unknown>) {
  if (cycle.kind !== 'programme') return null;
  const tracks = await competitiveTracks(m, cycle.id);
  const oneTrack = cycle.rankingScope === 'track';
  const fieldsShown = oneTrack ? PREFERENCE_FIELDS.slice(0, 1) : PREFERENCE_FIELDS;
  const declared = new Map(values.languages.map((v) => [languageKey(v.slice(0, v.lastIndexOf('|'))), v.slice(v.lastIndexOf('|') + 1)]));
  return {
    oneTrack,
    choices: fieldsShown.map((field, i) => ({
      field,
      labelKey: oneTrack ? 'programmeApplications.form.track' : `programmeApplications.form.choice${i + 1}`,
      required: i === 0,
      error: errors[field] ?? null,
      options: tracks.map((t) => ({ id: t.id, name: t.name, selected: String(t.id) === values.preferences[i] })),
    })),
    languages: (await programmeLanguages(m, cycle.id)).map((language, i) => ({
      id: `language-${i}`,
      language,
      options: ['', ...LANGUAGE_LEVELS].map((level) => ({ value: `${language}|${level}`, level, selected: (declared.get(languageKey(language)) ?? '') === level })),
    })),
    languagesError: errors.languages ?? null,
    tracks: tracks.map(trackCard),
  };
}

/** An application's ranked track names, for its pages once it cannot be edited (empty for an award's nomination). */
export async function chosenTrackNames(m: EntityManager, nominationId: number): Promise<string[]> {
  const rows: Array<{ name: string }> = await m.query(
    `SELECT t.name FROM track_preference p JOIN track t ON t.id = p.track_id WHERE p.nomination_id = $1 ORDER BY p.rank`,
    [nominationId],
  );
  return rows.map((r) => r.name);
}

/** Ranked track names of many applications at once (screening list, review), by nomination id. */
export async function chosenTrackNamesOf(m: EntityManager, nominationIds: number[]): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  if (!nominationIds.length) return out;
  const rows: Array<{ nominationId: number; name: string }> = await m.query(
    `SELECT p.nomination_id AS "nominationId", t.name FROM track_preference p JOIN track t ON t.id = p.track_id
      WHERE p.nomination_id = ANY($1::int[]) ORDER BY p.nomination_id, p.rank`,
    [nominationIds],
  );
  for (const r of rows) out.set(r.nominationId, [...(out.get(r.nominationId) ?? []), r.name]);
  return out;
}

/** The open programmes on the officer's home page: their competitive tracks in place of categories. */
export async function withProgrammeTracks<C extends { id: number; kind: string }>(m: EntityManager, cards: C[]): Promise<Array<C & { programme: boolean; tracks: ReturnType<typeof trackCard>[] }>> {
  const out = [];
  for (const c of cards) out.push({ ...c, programme: c.kind === 'programme', tracks: c.kind === 'programme' ? (await competitiveTracks(m, c.id)).map(trackCard) : [] });
  return out;
}

