import { academicHoursText, passedVerb, russianDate, russianPeriod } from '../../src/certificates/completion-values';

describe('the wording of a certificate of completion', () => {
  it('prints a track’s dates the Russian way, as short as the dates allow', () => {
    expect(russianDate('2027-03-01')).toBe('1 марта 2027 г.');
    expect(russianPeriod('2027-03-01', '2027-03-26')).toBe('с 1 по 26 марта 2027 г.');
    expect(russianPeriod('2027-02-22', '2027-03-19')).toBe('с 22 февраля по 19 марта 2027 г.');
    expect(russianPeriod('2026-12-28', '2027-01-22')).toBe('с 28 декабря 2026 г. по 22 января 2027 г.');
    expect(russianPeriod('2027-05-14', '2027-05-14')).toBe('14 мая 2027 г.');
  });

  it('agrees the hours with «в объёме»: 1 and 21 академического часа, 11 and 72 академических часов', () => {
    expect([1, 21, 11, 72, 144].map(academicHoursText)).toEqual(['1 академического часа', '21 академического часа', '11 академических часов', '72 академических часов', '144 академических часов']);
  });

  it('says «прошла» or «прошёл» from the patronymic, and «прошёл(а)» without one', () => {
    expect(['Петровна', 'Ильинична', 'Иванович', 'Ильич', 'Мамед оглы', 'Алиевна', ''].map(passedVerb)).toEqual(['прошла', 'прошла', 'прошёл', 'прошёл', 'прошёл', 'прошла', 'прошёл(а)']);
  });
});
