/** Fixtures of programme applications (issue 12): the admin's track form. */

/** A track form as the admin fills it (competitive unless said). */
export const trackForm = (name: string, over: Record<string, string | string[]> = {}) => ({
  name, description: '', hostInstitution: 'НМИЦ здоровья детей', city: 'Москва', country: 'Россия',
  startDate: '2027-03-01', endDate: '2027-03-26', academicHours: '144', format: 'in_person', places: '5',
  quotaPerMunicipality: '', minYearsPractice: '0', specialty: '', language: '', languageLevel: '', placeMethod: 'competitive',
  ...over,
});

