import { certificateForPublic, publicPerson, noticeKeyOf, WITHHELD_KEY, NAME_WITHHELD_KEY } from '../../src/consent/public-view';
import type { PublicField } from '../../src/consent/public-fields';

const DATA = { lastName: 'Иванова', firstName: 'Мария', patronymic: 'Петровна', position: 'участковый врач-педиатр', institution: 'Красногорская больница № 1', municipality: 'Красногорск' };
const fields = (...f: PublicField[]) => new Set<PublicField>(f);

describe('what the public may see of a nominee', () => {
  it('shows everything allowed, and nothing when nothing is: then the notice stands in the name', () => {
    expect(publicPerson(DATA, fields('fullName', 'position', 'institution', 'municipality'))).toEqual({
      fullName: 'Иванова Мария Петровна', lastName: 'Иванова', firstName: 'Мария', patronymic: 'Петровна',
      position: 'участковый врач-педиатр', institution: 'Красногорская больница № 1', municipality: 'Красногорск', withheld: false, noticeKey: null,
    });
    expect(publicPerson(DATA, fields())).toEqual({
      fullName: null, lastName: null, firstName: null, patronymic: null, position: null, institution: null, municipality: null, withheld: true, noticeKey: WITHHELD_KEY,
    });
  });

  it('shows only the allowed fields of a partial consent; a hidden name gets its own notice', () => {
    expect(publicPerson(DATA, fields('fullName'))).toMatchObject({ fullName: 'Иванова Мария Петровна', position: null, institution: null, municipality: null, withheld: false, noticeKey: null });
    expect(publicPerson(DATA, fields('institution'))).toMatchObject({ fullName: null, lastName: null, institution: 'Красногорская больница № 1', withheld: false, noticeKey: NAME_WITHHELD_KEY });
    expect(noticeKeyOf(fields('municipality'))).toBe(NAME_WITHHELD_KEY);
    expect(noticeKeyOf(fields('fullName', 'municipality'))).toBeNull();
  });
});

describe("a certificate's public copy", () => {
  const BODY = ['награждается', '{nominee.fullName}', '{nominee.position}, {nominee.institution},', '— победитель конкурса «{cycle.name}» в номинации «{category.name}»'].join('\n');
  const record = {
    holderName: 'Иванова Мария Петровна',
    printed: {
      'holder.fullName': 'Иванова Мария Петровна', 'nominee.fullName': 'Иванова Мария Петровна', 'nominee.lastName': 'Иванова', 'nominee.firstName': 'Мария', 'nominee.patronymic': 'Петровна',
      'nominee.position': 'врач', 'nominee.institution': 'больница', 'nominee.municipality': 'Красногорск', 'category.name': 'Педиатр года', 'place.roman': 'I',
    },
    number: 'PED-2026-0001',
  };

  it('is the certificate itself when everything is allowed', () => {
    const copy = certificateForPublic(record, BODY, fields('fullName', 'position', 'institution', 'municipality'), 'скрыто');
    expect(copy).toEqual({ record, body: BODY });
  });

  it('puts the notice in the name, blanks every withheld value and drops the line of only withheld data', () => {
    const copy = certificateForPublic(record, BODY, fields(), 'данные не публикуются по решению лауреата');
    expect(copy.record.holderName).toBe('данные не публикуются по решению лауреата');
    expect(copy.record.number).toBe('PED-2026-0001');
    expect(copy.record.printed).toEqual({ ...record.printed, 'holder.fullName': '', 'nominee.fullName': '', 'nominee.lastName': '', 'nominee.firstName': '', 'nominee.patronymic': '', 'nominee.position': '', 'nominee.institution': '', 'nominee.municipality': '' });
    expect(copy.body.split('\n')).toEqual(['награждается', '{nominee.fullName}', '— победитель конкурса «{cycle.name}» в номинации «{category.name}»']);
  });

  it('takes a withheld value out of a line with the comma after it, keeping the rest', () => {
    expect(certificateForPublic(record, BODY, fields('fullName', 'institution'), '—').body.split('\n')[2]).toBe('{nominee.institution},');
    expect(certificateForPublic(record, BODY, fields('fullName', 'position'), '—').body.split('\n')[2]).toBe('{nominee.position},');
    expect(certificateForPublic(record, 'работает: {nominee.position} в г. {nominee.municipality}', fields('fullName', 'position'), '—').body).toBe('работает: {nominee.position} в г.');
  });

  it('keeps the name when it is allowed, even when nothing else is', () => {
    const copy = certificateForPublic(record, BODY, fields('fullName'), 'скрыто');
    expect(copy.record.holderName).toBe('Иванова Мария Петровна');
    expect(copy.record.printed['nominee.lastName']).toBe('Иванова');
    expect(copy.record.printed['nominee.position']).toBe('');
  });
});
