import type { CertificateKind } from './certificate.entity';
import type { PrintedRecord } from './render';
import { issueDate } from './issue';
import { completionValues } from './completion-values';

/**
 * The sample a template is previewed with: the longest name and institution of the demo region, so
 * the admin sees at once whether a wording still fits when the data is long.
 */
const NAME = 'Константинопольская-Задунайская Александра-Виктория Вячеславовна';
const INSTITUTION = 'Государственное бюджетное учреждение здравоохранения Московской области «Щёлковская областная детская клиническая больница имени профессора Н. Н. Дружининой-Соколовской»';

export function sampleRecord(kind: CertificateKind, cycle: { name: string; code: string; year: number }, timeZone: string, now = new Date()): PrintedRecord {
  const number = `${cycle.code}-${cycle.year}-0000`;
  const person: Record<string, string> =
    kind === 'completion'
      ? completionValues({
          lastName: 'Константинопольская-Задунайская', firstName: 'Александра-Виктория', patronymic: 'Вячеславовна',
          position: 'заведующая педиатрическим отделением, врач-педиатр высшей квалификационной категории', institution: INSTITUTION, origin: 'Щёлково',
          track: { name: 'Неонатальная интенсивная терапия и выхаживание недоношенных детей', hostInstitution: 'ФГАУ «Национальный медицинский исследовательский центр здоровья детей» Минздрава России', city: 'Москва', country: 'Россия', startDate: `${cycle.year}-03-01`, endDate: `${cycle.year}-03-26`, academicHours: 144 },
          hoursAttended: 144,
        })
      : kind === 'juror'
      ? { 'juror.fullName': NAME, 'juror.institution': INSTITUTION }
      : {
          'nominee.fullName': NAME,
          'nominee.lastName': 'Константинопольская-Задунайская',
          'nominee.firstName': 'Александра-Виктория',
          'nominee.patronymic': 'Вячеславовна',
          'nominee.position': 'заведующая педиатрическим отделением, врач-педиатр высшей квалификационной категории',
          'nominee.institution': INSTITUTION,
          'nominee.municipality': 'Щёлково',
          'category.name': 'Наставник года',
          ...(kind === 'winner' ? { place: '1', 'place.roman': 'I' } : {}),
        };
  return {
    kind,
    number,
    code: 'PREVIEW-not-a-certificate',
    holderName: NAME,
    place: kind === 'winner' ? 1 : null,
    printed: { 'holder.fullName': NAME, ...person, 'cycle.name': cycle.name, 'cycle.year': String(cycle.year), issuedAt: issueDate(now, timeZone), number },
    issuedAt: now,
  };
}
