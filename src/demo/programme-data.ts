import type { TrackFormat, LanguageLevel, PlaceMethod } from '../programmes/track.entity';
import type { DemoCriterion } from './judging-data';

/**
 * The data of the demo programmes (issue 12): «Наш детский врач — стажировки 2027» in selection, with four
 * tracks (two abroad, two at federal centres in Moscow) and applications with ranked preferences; and a
 * delegation's training at a Moscow centre, finished, with certificates of completion. Every person is
 * fictional. Kept apart from programme-demo.ts, which seeds it.
 */

export interface DemoTrack {
  name: string;
  description: string;
  hostInstitution: string;
  city: string;
  country: string;
  startDate: string;
  endDate: string;
  academicHours: number;
  format: TrackFormat;
  places: number;
  quotaPerMunicipality: number | null;
  minYearsPractice: number;
  specialty: string;
  language: string;
  languageLevel: LanguageLevel | null;
  placeMethod: PlaceMethod;
}

const track = (t: Partial<DemoTrack> & Pick<DemoTrack, 'name' | 'hostInstitution' | 'city' | 'country' | 'startDate' | 'endDate' | 'academicHours' | 'places'>): DemoTrack => ({
  description: '', format: 'in_person', quotaPerMunicipality: null, minYearsPractice: 0, specialty: '', language: '', languageLevel: null, placeMethod: 'competitive', ...t,
});

export const INTERNSHIP_TRACKS: DemoTrack[] = [
  track({
    name: 'Детская хирургия — Минск', hostInstitution: 'Республиканский научно-практический центр детской хирургии', city: 'Минск', country: 'Беларусь',
    description: 'Четыре недели в операционных и отделении реанимации новорождённых; малоинвазивная хирургия.',
    startDate: '2027-04-05', endDate: '2027-04-30', academicHours: 144, places: 2, quotaPerMunicipality: 1, minYearsPractice: 3,
  }),
  track({
    name: 'Неонатология — Астана', hostInstitution: 'Национальный научный центр материнства и детства', city: 'Астана', country: 'Казахстан',
    description: 'Выхаживание недоношенных детей с экстремально низкой массой тела; работа в перинатальном центре.',
    startDate: '2027-05-10', endDate: '2027-05-28', academicHours: 108, places: 2, quotaPerMunicipality: 1, minYearsPractice: 3,
  }),
  track({
    name: 'Детская гастроэнтерология — Москва', hostInstitution: 'НМИЦ здоровья детей Минздрава России', city: 'Москва', country: 'Россия',
    description: 'Две недели в отделении гастроэнтерологии: эндоскопия, нутритивная поддержка, воспалительные заболевания кишечника.',
    startDate: '2027-03-15', endDate: '2027-03-26', academicHours: 72, places: 3, quotaPerMunicipality: 2,
  }),
  track({
    name: 'Детская онкогематология — Москва', hostInstitution: 'НМИЦ детской гематологии, онкологии и иммунологии им. Дмитрия Рогачёва', city: 'Москва', country: 'Россия',
    description: 'Лекции дистанционно, затем три недели в клинике: ранняя диагностика лейкозов в амбулаторной практике.',
    startDate: '2027-06-01', endDate: '2027-06-25', academicHours: 144, format: 'blended', places: 3, quotaPerMunicipality: 2, minYearsPractice: 5,
  }),
];

export const SELECTION_CRITERIA: DemoCriterion[] = [
  { name: 'Профессиональный опыт', description: 'Стаж, сложность случаев, квалификационная категория.', weight: 0.4, scaleMin: 1, scaleMax: 10,
    rubric: [{ from: 1, to: 3, text: 'меньше трёх лет практики' }, { from: 4, to: 6, text: 'уверенная практика' }, { from: 7, to: 8, text: 'высшая категория' }, { from: 9, to: 10, text: 'ведущий специалист округа' }] },
  { name: 'Мотивация и план применения', description: 'Что врач изменит в своём учреждении после стажировки.', weight: 0.4, scaleMin: 1, scaleMax: 10,
    rubric: [{ from: 1, to: 3, text: 'общие слова' }, { from: 4, to: 6, text: 'есть цель' }, { from: 7, to: 8, text: 'конкретный план' }, { from: 9, to: 10, text: 'план согласован с главным врачом' }] },
  { name: 'Наставничество и передача опыта', description: 'Готовность обучить коллег по возвращении.', weight: 0.2, scaleMin: 1, scaleMax: 5,
    rubric: [1, 2, 3, 4, 5].map((n) => ({ from: n, to: n, text: ['нет', 'эпизодически', 'есть план', 'ведёт занятия', 'руководит школой'][n - 1] })) },
];

export interface DemoApplicant {
  person: { lastName: string; firstName: string; patronymic: string; position: string; institution: string; specialty: string; yearsOfPractice: number };
  municipality: string;
  /** indexes into INTERNSHIP_TRACKS, most wanted first */
  preferences: number[];
}

const doctor = (lastName: string, firstName: string, patronymic: string, institution: string, yearsOfPractice: number, position = 'врач-педиатр участковый') =>
  ({ lastName, firstName, patronymic, position, institution, specialty: 'педиатрия', yearsOfPractice });

export const INTERNSHIP_APPLICANTS: DemoApplicant[] = [
  { person: doctor('Ершова', 'Дарья', 'Николаевна', 'Красногорская городская больница № 1', 12, 'заведующая педиатрическим отделением'), municipality: 'Красногорск', preferences: [0, 2, 3] },
  { person: doctor('Тихонов', 'Роман', 'Алексеевич', 'Щёлковская областная больница', 8), municipality: 'Щёлково', preferences: [0, 1] },
  { person: doctor('Савельева', 'Ксения', 'Игоревна', 'Балашихинская областная больница', 6, 'врач-неонатолог'), municipality: 'Балашиха', preferences: [1, 3, 2] },
  { person: doctor('Кудрявцев', 'Павел', 'Олегович', 'Мытищинская городская клиническая больница', 15, 'врач — детский хирург'), municipality: 'Мытищи', preferences: [0, 3] },
  { person: doctor('Миронова', 'Елена', 'Викторовна', 'Одинцовская областная больница', 9), municipality: 'Одинцово', preferences: [2, 3] },
  { person: doctor('Блинов', 'Кирилл', 'Андреевич', 'Люберецкая областная больница', 4), municipality: 'Люберцы', preferences: [2, 1] },
  { person: doctor('Фомина', 'Алёна', 'Сергеевна', 'Королёвская городская больница', 7, 'врач-гастроэнтеролог детский'), municipality: 'Королёв', preferences: [2, 0, 3] },
  { person: doctor('Зуев', 'Денис', 'Михайлович', 'Красногорская городская больница № 1', 5), municipality: 'Красногорск', preferences: [3, 2] },
  { person: doctor('Панова', 'Ирина', 'Геннадьевна', 'Раменская областная больница', 11, 'врач-гематолог'), municipality: 'Раменское', preferences: [3, 1, 2] },
  { person: doctor('Гаврилов', 'Олег', 'Петрович', 'Домодедовская больница', 3), municipality: 'Домодедово', preferences: [1, 2] },
  { person: doctor('Лаптева', 'Вера', 'Юрьевна', 'Щёлковская областная больница', 10, 'врач-неонатолог'), municipality: 'Щёлково', preferences: [1, 0] },
  { person: doctor('Осипов', 'Глеб', 'Романович', 'Серпуховская областная больница', 6), municipality: 'Серпухов', preferences: [3, 2, 1] },
];

export const INTERNSHIP_ACHIEVEMENTS =
  'Ведёт приём детей первого года жизни, участвует в диспансеризации школьников округа, проводит занятия для молодых врачей отделения.';

export const INTERNSHIP_MOTIVATION =
  'После стажировки внедрю в отделении протоколы ведущего центра, проведу цикл занятий для педиатров округа и подготовлю памятки для родителей.';

/** The finished delegation: doctors of a partner region trained at a Moscow centre. */
export const DELEGATION_TRACK: DemoTrack = track({
  name: 'Школа детской пульмонологии — делегация Республики Беларусь', hostInstitution: 'НМИЦ здоровья детей Минздрава России', city: 'Москва', country: 'Россия',
  description: 'Две недели в отделении пульмонологии: муковисцидоз, бронхиальная астма, домашняя вентиляция.',
  startDate: '2026-10-05', endDate: '2026-10-16', academicHours: 72, places: 6, placeMethod: 'direct',
});

export const DELEGATION_PEOPLE = [
  { lastName: 'Ковалёва', firstName: 'Наталья', patronymic: 'Ивановна', position: 'врач-пульмонолог детский', institution: '4-я городская детская клиническая больница', email: 'kovaleva.delegation@example.org', hours: 72 },
  { lastName: 'Жук', firstName: 'Андрей', patronymic: 'Васильевич', position: 'врач-педиатр', institution: 'Гомельская областная детская больница', email: 'zhuk.delegation@example.org', hours: 72 },
  { lastName: 'Мельник', firstName: 'Ольга', patronymic: 'Петровна', position: 'заведующая отделением', institution: 'Брестская детская областная больница', email: 'melnik.delegation@example.org', hours: 72 },
  { lastName: 'Новик', firstName: 'Сергей', patronymic: 'Александрович', position: 'врач-педиатр', institution: 'Витебская детская областная клиническая больница', email: 'novik.delegation@example.org', hours: 64 },
  { lastName: 'Шевчук', firstName: 'Марина', patronymic: 'Олеговна', position: 'врач-аллерголог-иммунолог', institution: 'Могилёвская детская больница', email: 'shevchuk.delegation@example.org', hours: null },
] as const;

export const DELEGATION_ORGANISATION = 'Министерство здравоохранения Республики Беларусь';
