import { submissionProblems, type SubmissionFacts } from '../../src/nominations/rules';

/** A nomination complete in everything but what each case takes away. */
const complete = (over: Partial<SubmissionFacts> = {}): SubmissionFacts => ({
  category: { minYearsPractice: 0, pastWinnersExcludedYears: 0, requiredDocuments: ['recommendation'] },
  nominee: { lastName: 'Иванова', firstName: 'Мария', patronymic: '', position: 'педиатр', institution: 'ГБ № 1', specialty: 'педиатрия', yearsOfPractice: 10, phone: '+7 900 000-00-00', email: '' },
  achievements: 'а'.repeat(60),
  motivation: 'б'.repeat(60),
  attachmentKinds: ['recommendation', 'consent_processing'],
  publicationAsked: false,
  recentWinYear: null,
  ...over,
});

describe('the consents a submission needs (nominations/rules.ts)', () => {
  it('asks for nothing more when the consent to processing is attached and nothing is to be published', () => {
    expect(submissionProblems(complete())).toEqual({});
  });

  it('asks for the signed consent to processing, whatever the category requires, even before a category is chosen', () => {
    expect(submissionProblems(complete({ attachmentKinds: ['recommendation'] }))).toEqual({ 'consent.processing': { key: 'consent.rules.processingMissing' } });
    expect(submissionProblems(complete({ category: { minYearsPractice: 0, pastWinnersExcludedYears: 0, requiredDocuments: [] }, attachmentKinds: [] }))).toEqual({ 'consent.processing': { key: 'consent.rules.processingMissing' } });
    expect(submissionProblems(complete({ category: null, attachmentKinds: [] }))).toMatchObject({ 'consent.processing': { key: 'consent.rules.processingMissing' } });
  });

  it('asks for the signed consent to publication only when some data are ticked for publication', () => {
    expect(submissionProblems(complete({ publicationAsked: true }))).toEqual({ 'consent.publication': { key: 'consent.rules.publicationMissing' } });
    expect(submissionProblems(complete({ publicationAsked: true, attachmentKinds: ['recommendation', 'consent_processing', 'consent_publication'] }))).toEqual({});
    // a consent to publication does not stand in for the consent to processing
    expect(submissionProblems(complete({ publicationAsked: true, attachmentKinds: ['recommendation', 'consent_publication'] }))).toEqual({ 'consent.processing': { key: 'consent.rules.processingMissing' } });
  });
});
