import type { Translator } from '../web/i18n';
import { toCsv } from '../web/spreadsheet';
import type { WinnersList } from './winners-query';

/** The public winners list as JSON (its schema is in the README, «Public winners list») and as CSV. */

export const certificateLinks = (baseUrl: string, code: string) => ({
  pdfUrl: `${baseUrl}/certificates/${code}.pdf`,
  verificationUrl: `${baseUrl}/verify/${code}`,
});

export function winnersJson(list: WinnersList, baseUrl: string) {
  const { cycle } = list;
  return {
    cycle: { slug: cycle.slug, name: cycle.name, year: cycle.year, publishedAt: cycle.publishedAt ? cycle.publishedAt.toISOString() : null },
    categories: list.categories.map((c) => ({
      name: c.name,
      winners: c.winners.map((w) => ({
        nomination: w.nomination,
        place: w.place,
        fullName: w.fullName,
        lastName: w.lastName,
        firstName: w.firstName,
        patronymic: w.patronymic,
        position: w.position,
        institution: w.institution,
        municipality: w.municipality,
        // the person allowed nothing to be public: every field above is null (see consent/public-view.ts)
        withheld: w.withheld,
        certificate: w.certificate ? { number: w.certificate.number, ...certificateLinks(baseUrl, w.certificate.code) } : null,
      })),
    })),
  };
}

/**
 * One row per winner; text cells are neutralised against formula injection by spreadsheet.ts. What the winner
 * did not allow to be public is an empty cell, and a name not allowed is the notice in the reader's language.
 */
export function winnersCsv(list: WinnersList, baseUrl: string, t: Translator): string {
  const header = ['category', 'place', 'fullName', 'position', 'institution', 'municipality', 'certificate', 'verification'].map((k) => t(`publicPages.csv.${k}`));
  const rows = list.categories.flatMap((c) =>
    c.winners.map((w) => [c.name, w.place, w.fullName ?? t(w.noticeKey!), w.position ?? '', w.institution ?? '', w.municipality ?? '', w.certificate?.number ?? '', w.certificate ? certificateLinks(baseUrl, w.certificate.code).verificationUrl : '']),
  );
  return toCsv(header, rows);
}
