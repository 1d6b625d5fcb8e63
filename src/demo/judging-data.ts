import type { RubricBand } from '../jury/criterion.entity';

/**
 * The data of the demo cycle in judging: categories, their criteria with rubrics, and sixteen fictional
 * doctors (any likeness to real people is accidental). Kept apart from judging-demo.ts, which seeds it.
 */

export interface DemoCriterion {
  name: string;
  description: string;
  weight: number;
  scaleMin: number;
  scaleMax: number;
  rubric: RubricBand[];
}

export interface DemoJudgingCategory {
  name: string;
  description: string;
  mode: 'all' | 'k';
  k: number | null;
  criteria: DemoCriterion[];
}

const tenPoint = (low: string, mid: string, good: string, top: string): RubricBand[] => [
  { from: 1, to: 3, text: low }, { from: 4, to: 6, text: mid }, { from: 7, to: 8, text: good }, { from: 9, to: 10, text: top },
];
const fivePoint = (texts: [string, string, string, string, string]): RubricBand[] => texts.map((text, i) => ({ from: i + 1, to: i + 1, text }));

export const JUDGING_CATEGORIES: DemoJudgingCategory[] = [
  {
    name: 'Искусство диагностики',
    description: 'Педиатр, чьё клиническое мышление и внимание к деталям меняют исход болезни.',
    mode: 'all', k: null,
    criteria: [
      { name: 'Клинические результаты', description: 'Исходы лечения, точность диагнозов, сложные случаи.', weight: 0.35, scaleMin: 1, scaleMax: 10,
        rubric: tenPoint('результаты не подтверждены', 'на уровне отделения', 'заметно выше среднего по округу', 'выдающиеся, подтверждены данными') },
      { name: 'Внедрение новых методов', description: 'Новые протоколы, оборудование, подходы, ставшие практикой.', weight: 0.25, scaleMin: 1, scaleMax: 10,
        rubric: tenPoint('не внедрял', 'единичные эпизоды', 'внедрено в своём учреждении', 'распространено в регионе') },
      { name: 'Наставничество', description: 'Обучение ординаторов и молодых врачей.', weight: 0.2, scaleMin: 1, scaleMax: 5,
        rubric: fivePoint(['нет', 'эпизодически', 'регулярно', 'руководит обучением', 'создал школу']) },
      { name: 'Отзывы пациентов и коллег', description: 'Благодарности, отзывы, рекомендации коллег.', weight: 0.2, scaleMin: 1, scaleMax: 5,
        rubric: fivePoint(['отзывов нет', 'единичные', 'стабильно хорошие', 'многочисленные', 'исключительные, из многих источников']) },
    ],
  },
  {
    name: 'Искусство общения',
    description: 'Педиатр, которому доверяют дети и родители: разговор, объяснение, поддержка семьи.',
    mode: 'k', k: 2,
    criteria: [
      { name: 'Работа с семьёй', description: 'Как врач объясняет, поддерживает и вовлекает родителей.', weight: 0.4, scaleMin: 0, scaleMax: 10,
        rubric: [{ from: 0, to: 2, text: 'не описана' }, { from: 3, to: 5, text: 'обычная практика' }, { from: 6, to: 8, text: 'продуманная система' }, { from: 9, to: 10, text: 'образец для коллег' }] },
      { name: 'Просветительская деятельность', description: 'Школы для родителей, лекции, публикации для широкой аудитории.', weight: 0.35, scaleMin: 1, scaleMax: 5,
        rubric: fivePoint(['нет', 'разовые выступления', 'регулярные занятия', 'собственный цикл или курс', 'известен в регионе']) },
      { name: 'Творческий подход', description: 'Игра, рисунок, музыка и другие находки, снимающие страх ребёнка.', weight: 0.25, scaleMin: 1, scaleMax: 5,
        rubric: fivePoint(['не описан', 'отдельные приёмы', 'постоянная часть работы', 'переняли коллеги', 'авторская методика']) },
    ],
  },
];

export interface DemoJudgingNominee {
  municipality: string;
  category: number;
  person: { lastName: string; firstName: string; patronymic: string; position: string; institution: string; specialty: string; yearsOfPractice: number };
  achievements: string;
}

const ped = (lastName: string, firstName: string, patronymic: string, institution: string, years: number, position = 'врач-педиатр') =>
  ({ lastName, firstName, patronymic, position, institution, specialty: 'педиатрия', yearsOfPractice: years });

const DIAG = [
  'Поставила редкий диагноз — болезнь Кавасаки — трём детям за год, когда счёт шёл на дни; разработала памятку для участковых врачей округа.',
  'Организовал в поликлинике разбор сложных случаев по пятницам; за два года число поздно выявленных пневмоний у детей снизилось на треть.',
  'Внедрила ультразвуковой скрининг тазобедренных суставов у новорождённых на участке; все выявленные дисплазии пролечены без операций.',
  'Автор протокола ранней диагностики сахарного диабета у детей для приёмного отделения; протокол принят в трёх больницах округа.',
];
const TALK = [
  'Ведёт «Школу спокойных родителей»: за три года прошли занятия более четырёхсот семей, обращения по пустякам в выходные сократились.',
  'Придумал «приёмную без слёз»: игрушки-помощники, рисунок вместо укола страха, короткие видео для родителей перед прививкой.',
  'Проводит занятия о здоровье в школах и детских садах, записала цикл коротких видеоответов на частые вопросы родителей.',
  'Создала группу поддержки для семей детей с хроническими болезнями; помогает родителям говорить с ребёнком о болезни.',
];

export const JUDGING_MOTIVATION =
  'Коллектив учреждения и родители пациентов единодушно поддерживают выдвижение. Врач много лет работает с детьми округа, постоянно учится и щедро делится опытом.';

export const JUDGING_NOMINEES: DemoJudgingNominee[] = [
  { municipality: 'Красногорск', category: 0, person: ped('Аверина', 'Дарья', 'Николаевна', 'Красногорская городская поликлиника № 1', 12), achievements: DIAG[0] },
  { municipality: 'Щёлково', category: 0, person: ped('Баранов', 'Игнат', 'Сергеевич', 'Щёлковская детская поликлиника', 17), achievements: DIAG[1] },
  { municipality: 'Балашиха', category: 0, person: ped('Васильченко', 'Юлия', 'Олеговна', 'Балашихинская детская поликлиника № 3', 9), achievements: DIAG[2] },
  { municipality: 'Подольск', category: 0, person: ped('Громова', 'Алла', 'Викторовна', 'Подольская городская детская поликлиника', 22, 'заведующая педиатрическим отделением'), achievements: DIAG[3] },
  { municipality: 'Химки', category: 0, person: ped('Дёмин', 'Роман', 'Аркадьевич', 'Химкинская детская поликлиника', 14), achievements: DIAG[1] },
  // works at juror2@'s hospital, written with quotes and a double space: still an institution conflict
  { municipality: 'Одинцово', category: 0, person: ped('Евсеева', 'Марина', 'Глебовна', '«Химкинская  областная больница»', 11, 'врач-педиатр консультант'), achievements: DIAG[3] },
  { municipality: 'Мытищи', category: 0, person: ped('Жукова', 'Кира', 'Павловна', 'Мытищинская детская поликлиника', 8), achievements: DIAG[0] },
  { municipality: 'Раменское', category: 0, person: ped('Захаров', 'Тимур', 'Ренатович', 'Раменская центральная районная больница', 19), achievements: DIAG[2] },
  { municipality: 'Красногорск', category: 1, person: ped('Ильина', 'Софья', 'Андреевна', 'Красногорская городская поликлиника № 2', 7), achievements: TALK[0] },
  { municipality: 'Люберцы', category: 1, person: ped('Калинин', 'Фёдор', 'Михайлович', 'Люберецкая детская поликлиника', 13), achievements: TALK[1] },
  { municipality: 'Королёв', category: 1, person: ped('Лаврова', 'Ксения', 'Игоревна', 'Королёвская детская поликлиника', 10), achievements: TALK[2] },
  { municipality: 'Коломна', category: 1, person: ped('Макарова', 'Евгения', 'Сергеевна', 'Коломенская детская поликлиника', 16), achievements: TALK[3] },
  { municipality: 'Серпухов', category: 1, person: ped('Назаров', 'Олег', 'Владимирович', 'Серпуховская детская городская больница', 21), achievements: TALK[1] },
  { municipality: 'Подольск', category: 1, person: ped('Осипова', 'Лидия', 'Константиновна', 'Подольская детская поликлиника № 2', 6), achievements: TALK[0] },
  { municipality: 'Домодедово', category: 1, person: ped('Пахомов', 'Станислав', 'Юрьевич', 'Домодедовская центральная городская больница', 9), achievements: TALK[2] },
  { municipality: 'Сергиев Посад', category: 1, person: ped('Рудакова', 'Вера', 'Ильинична', 'Сергиево-Посадская детская поликлиника', 25), achievements: TALK[3] },
];
