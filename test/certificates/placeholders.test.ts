import { fillPlaceholders, PLACEHOLDERS, roman, unknownPlaceholders } from '../../src/certificates/placeholders';
import { templateProblems } from '../../src/certificates/templates';
import { DEFAULT_TEMPLATES } from '../../src/certificates/defaults';
import { CERTIFICATE_KINDS } from '../../src/certificates/certificate.entity';

describe('certificate placeholders', () => {
  it('fills every placeholder of a template in one pass', () => {
    const text = fillPlaceholders('награждается {nominee.fullName} — победитель конкурса «{cycle.name}», {place} место', {
      'nominee.fullName': 'Иванова Мария Петровна', 'cycle.name': 'Лучший детский врач — 2026', place: '1',
    });
    expect(text).toBe('награждается Иванова Мария Петровна — победитель конкурса «Лучший детский врач — 2026», 1 место');
  });

  it('prints placeholder-looking data literally: a nominee called «{cycle.name}» is never expanded', () => {
    const values = { 'nominee.fullName': '{cycle.name}', 'nominee.position': '{number} $& $1', 'cycle.name': 'Конкурс', number: 'PED-2026-0001' };
    expect(fillPlaceholders('{nominee.fullName}, {nominee.position}: «{cycle.name}» № {number}', values)).toBe('{cycle.name}, {number} $& $1: «Конкурс» № PED-2026-0001');
  });

  it('leaves a placeholder without a value as written, and text in braces that is no placeholder alone', () => {
    expect(fillPlaceholders('{place} место { пробел } {a b}', {})).toBe('{place} место { пробел } {a b}');
  });

  it('names each unknown placeholder once, in the order written', () => {
    expect(unknownPlaceholders('{nominee.fullName} {nominee.fullname} {ФИО} {nominee.fullname} {}', 'winner')).toEqual(['{nominee.fullname}', '{ФИО}', '{}']);
    expect(unknownPlaceholders('Диплом {place} степени', 'winner')).toEqual([]);
  });

  it('knows which placeholders each kind has: a juror\'s letter has no place, a diploma no juror', () => {
    expect(unknownPlaceholders('{place} {juror.fullName}', 'juror')).toEqual(['{place}']);
    expect(unknownPlaceholders('{place} {juror.fullName}', 'winner')).toEqual(['{juror.fullName}']);
    expect(PLACEHOLDERS.nominee).not.toContain('place');
  });

  it('refuses a template with an unknown placeholder, naming it, and more than three signatories or a bad colour', () => {
    const problems = templateProblems({ title: 'Диплом', body: 'награждается {nominee.name}', signatories: Array(4).fill({ name: 'А', title: 'Б' }), accentColor: 'blue' }, 'winner');
    expect(problems.body).toEqual({ key: 'certificates.problem.unknownPlaceholder', params: { names: '{nominee.name}', count: 1 } });
    expect(problems.signatories?.key).toBe('certificates.problem.tooManySignatories');
    expect(problems.accentColor?.key).toBe('certificates.problem.badColor');
    expect(problems.title).toBeUndefined();
  });

  it('ships default templates that pass their own rules', () => {
    for (const kind of CERTIFICATE_KINDS) expect(templateProblems(DEFAULT_TEMPLATES[kind], kind)).toEqual({});
  });

  it('writes places in Roman numerals', () => {
    expect([1, 2, 3, 4, 9, 14, 40].map(roman)).toEqual(['I', 'II', 'III', 'IV', 'IX', 'XIV', 'XL']);
  });
});
