import type { Track } from './track.entity';

/** A track as the programme's pages show it (dates are calendar days: the `date` helper reads them at UTC midnight). */
export function trackView(t: Track) {
  return {
    id: t.id,
    name: t.name,
    description: t.description,
    hostInstitution: t.hostInstitution,
    city: t.city,
    country: t.country,
    startDate: t.startDate,
    endDate: t.endDate,
    academicHours: t.academicHours,
    formatKey: `programmes.formats.${t.format}`,
    places: t.places,
    quota: t.quotaPerMunicipality,
    minYearsPractice: t.minYearsPractice,
    specialty: t.specialty,
    language: t.language,
    languageLevel: t.languageLevel,
    documentKeys: t.requiredDocuments.map((k) => `cycles.documentKinds.${k}`),
    placeMethodKey: `programmes.placeMethods.${t.placeMethod}`,
    direct: t.placeMethod === 'direct',
  };
}
