import type { EntityManager } from 'typeorm';
import { normaliseName } from '../text/normalise';
import { LANGUAGE_LEVELS, type LanguageLevel } from './track.entity';
import { ApplicationLanguages } from './application-languages.entity';

/** Declared levels by normalised language name («Английский» and «английский » are one language). */
export type DeclaredLanguages = Record<string, LanguageLevel>;

export const languageKey = (language: string) => normaliseName(language);

/** Whether the declared level of the language is at least the level asked (CEFR order A1 < … < C2). */
export function meetsLevel(declared: DeclaredLanguages, language: string, level: LanguageLevel | string): boolean {
  const has = declared[languageKey(language)];
  return !!has && LANGUAGE_LEVELS.indexOf(has) >= LANGUAGE_LEVELS.indexOf(level as LanguageLevel);
}

/**
 * The form's language selects, each «language|level» (level blank: none declared), as declared levels; a value
 * of another shape or an unknown level is dropped (the form never sends one).
 */
export function declaredFromForm(values: string[]): DeclaredLanguages {
  const out: DeclaredLanguages = {};
  for (const v of values) {
    const cut = v.lastIndexOf('|');
    if (cut <= 0) continue;
    const level = v.slice(cut + 1) as LanguageLevel;
    if (LANGUAGE_LEVELS.includes(level)) out[languageKey(v.slice(0, cut))] = level;
  }
  return out;
}

export async function declaredLanguagesOf(m: EntityManager, nominationId: number): Promise<DeclaredLanguages> {
  const row = await m.findOne(ApplicationLanguages, { where: { nominationId } });
  return row?.levels ?? {};
}

export async function saveDeclaredLanguages(m: EntityManager, nominationId: number, levels: DeclaredLanguages): Promise<void> {
  await m.upsert(ApplicationLanguages, { nominationId, levels }, ['nominationId']);
}

/** The languages the programme's competitive tracks are taught in (as the admin spelled them first), in track order. */
export async function programmeLanguages(m: EntityManager, cycleId: number): Promise<string[]> {
  const rows: Array<{ language: string }> = await m.query(
    `SELECT language FROM track WHERE cycle_id = $1 AND place_method = 'competitive' AND btrim(language) <> '' ORDER BY sort_order, id`,
    [cycleId],
  );
  const seen = new Map<string, string>();
  for (const r of rows) if (!seen.has(languageKey(r.language))) seen.set(languageKey(r.language), r.language.trim());
  return [...seen.values()];
}
