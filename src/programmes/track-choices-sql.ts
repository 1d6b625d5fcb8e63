/**
 * A programme application's ranked tracks as one line («1. A; 2. B»), as a column of a nomination query; null for
 * an award's nomination. For the lists and pages that read nominations of both kinds in one query.
 */
export const trackChoicesSql = (alias = 'n') =>
  `(SELECT string_agg(tp.rank || '. ' || tt.name, '; ' ORDER BY tp.rank) FROM track_preference tp JOIN track tt ON tt.id = tp.track_id WHERE tp.nomination_id = ${alias}.id)`;
