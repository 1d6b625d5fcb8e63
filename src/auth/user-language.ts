import type { DataSource } from 'typeorm';
import type { Locale } from '../web/i18n';

/** Keeps a person's choice of language on their profile: their mail is written in it from then on. */
export async function saveUserLanguage(ds: DataSource, userId: number, language: Locale): Promise<void> {
  await ds.query(`UPDATE app_user SET language = $2 WHERE id = $1 AND language IS DISTINCT FROM $2`, [userId, language]);
}
