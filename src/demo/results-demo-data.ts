import type { DemoCriterion } from './judging-data';
import { JUDGING_CATEGORIES } from './judging-data';

/**
 * The data of the past demo cycle, «Педиатрия как искусство — 2025», judged, approved and published:
 * three categories and eighteen fictional doctors (any likeness to real people is accidental), each with a
 * "quality" from which the jurors' scores are derived (see results-demo.ts). Kept apart from the seeding code.
 */

export interface PastCategory {
  name: string;
  description: string;
  maxWinners: number;
  quota: number | null;
  criteria: DemoCriterion[];
}

const [diagnosis, communication] = JUDGING_CATEGORIES;

const tenPoint = (low: string, mid: string, good: string, top: string) => [
  { from: 1, to: 3, text: low }, { from: 4, to: 6, text: mid }, { from: 7, to: 8, text: good }, { from: 9, to: 10, text: top },
];

export const PAST_CATEGORIES: PastCategory[] = [
  { name: diagnosis.name, description: diagnosis.description, maxWinners: 2, quota: 1, criteria: diagnosis.criteria },
  { name: communication.name, description: communication.description, maxWinners: 1, quota: 1, criteria: communication.criteria },
  {
    name: 'Наставник молодых врачей',
    description: 'Педиатр, который учит ординаторов и молодых коллег и остаётся для них опорой в первые годы практики.',
    maxWinners: 1,
    quota: 1,
    criteria: [
      { name: 'Подготовленные специалисты', description: 'Сколько молодых врачей обучено и где они работают теперь.', weight: 0.5, scaleMin: 1, scaleMax: 10,
        rubric: tenPoint('единичные случаи', 'несколько учеников', 'регулярная работа с ординаторами', 'своя школа, ученики — заведующие отделениями') },
      { name: 'Методические материалы', description: 'Пособия, разборы, лекции для коллег.', weight: 0.3, scaleMin: 1, scaleMax: 10,
        rubric: tenPoint('нет', 'отдельные лекции', 'цикл занятий', 'изданы и используются в регионе') },
      { name: 'Отзывы учеников', description: 'Письма и рекомендации тех, кого врач учил.', weight: 0.2, scaleMin: 1, scaleMax: 10,
        rubric: tenPoint('нет', 'единичные', 'многочисленные', 'исключительные') },
    ],
  },
];

export interface PastNominee {
  category: number;
  municipality: string;
  /** 0–10: how strong the nomination is; the jurors' scores scatter around it */
  quality: number;
  person: { lastName: string; firstName: string; patronymic: string; position: string; institution: string; specialty: string; yearsOfPractice: number };
  achievements: string;
}

const ped = (lastName: string, firstName: string, patronymic: string, institution: string, years: number, position = 'врач-педиатр') =>
  ({ lastName, firstName, patronymic, position, institution, specialty: 'педиатрия', yearsOfPractice: years });

export const PAST_NOMINEES: PastNominee[] = [
  { category: 0, municipality: 'Одинцово', quality: 8.6, person: ped('Белоусова', 'Надежда', 'Игоревна', 'Одинцовская областная больница', 18, 'заведующая педиатрическим отделением'),
    achievements: 'Распознала у подростка редкую наследственную болезнь обмена, которую пять лет лечили как гастрит; наладила в больнице консультации генетика.' },
  { category: 0, municipality: 'Подольск', quality: 8.1, person: ped('Виноградов', 'Павел', 'Олегович', 'Подольская детская городская поликлиника № 1', 15),
    achievements: 'Ввёл в поликлинике раннее выявление нарушений слуха у младенцев; за два года 14 детей получили слуховые аппараты до года.' },
  { category: 0, municipality: 'Люберцы', quality: 7.9, person: ped('Герасимова', 'Елена', 'Петровна', 'Люберецкая районная больница № 2', 21),
    achievements: 'Автор памятки по дифференциальной диагностике сыпи у детей для участковых врачей; памятка принята в четырёх округах.' },
  { category: 0, municipality: 'Химки', quality: 7.2, person: ped('Дорофеев', 'Андрей', 'Степанович', 'Химкинская детская поликлиника № 2', 10),
    achievements: 'Наладил ультразвуковой скрининг почек у детей первого года; выявленные пороки прооперированы вовремя.' },
  { category: 0, municipality: 'Электросталь', quality: 6.8, person: ped('Ефимова', 'Галина', 'Сергеевна', 'Электростальская центральная городская больница', 26),
    achievements: 'Тридцать лет на участке; ведёт разбор сложных случаев для молодых педиатров города.' },
  { category: 0, municipality: 'Коломна', quality: 6.1, person: ped('Журавлёв', 'Никита', 'Алексеевич', 'Коломенская детская поликлиника', 7),
    achievements: 'Внедрил экспресс-тесты на стрептококк в поликлинике; назначения антибиотиков детям сократились на четверть.' },
  { category: 1, municipality: 'Королёв', quality: 8.4, person: ped('Зимина', 'Татьяна', 'Викторовна', 'Королёвская городская детская поликлиника', 19),
    achievements: 'Ведёт «Школу молодых родителей» при поликлинике: за пять лет — более шестисот семей, видеокурс для тех, кто не может прийти.' },
  { category: 1, municipality: 'Мытищи', quality: 7.7, person: ped('Исаев', 'Глеб', 'Романович', 'Мытищинская детская поликлиника № 3', 12),
    achievements: 'Придумал «сказочный приём» для самых маленьких: осмотр превращается в игру, а прививка — в награду за смелость.' },
  { category: 1, municipality: 'Подольск', quality: 7.5, person: ped('Ковалёва', 'Инна', 'Аркадьевна', 'Подольская детская поликлиника № 2', 16),
    achievements: 'Создала клуб поддержки семей детей с сахарным диабетом; родители учат друг друга под её руководством.' },
  { category: 1, municipality: 'Серпухов', quality: 6.9, person: ped('Лосев', 'Виктор', 'Павлович', 'Серпуховская детская городская больница', 23),
    achievements: 'Проводит открытые уроки о здоровье в школах города, отвечает на вопросы родителей в городской газете.' },
  { category: 1, municipality: 'Химки', quality: 6.6, person: ped('Морозова', 'Алёна', 'Юрьевна', 'Химкинская детская поликлиника № 1', 9),
    achievements: 'Записала серию коротких видео о первой помощи детям; ролики посмотрели десятки тысяч родителей области.' },
  { category: 1, municipality: 'Раменское', quality: 6.0, person: ped('Никитин', 'Илья', 'Борисович', 'Раменская детская поликлиника', 6),
    achievements: 'Ведёт приём на двух языках для семей мигрантов, подготовил переводы памяток для родителей.' },
  { category: 2, municipality: 'Сергиев Посад', quality: 8.8, person: ped('Остроумова', 'Людмила', 'Геннадьевна', 'Сергиево-Посадская районная больница', 34, 'заведующая детским отделением'),
    achievements: 'Подготовила более сорока педиатров; её ученики руководят отделениями в пяти округах области.' },
  { category: 2, municipality: 'Домодедово', quality: 7.8, person: ped('Петров', 'Семён', 'Ильич', 'Домодедовская центральная городская больница', 29),
    achievements: 'Автор пособия по неотложной педиатрии для ординаторов; ведёт еженедельные разборы для молодых врачей.' },
  { category: 2, municipality: 'Коломна', quality: 7.6, person: ped('Рябова', 'Ирина', 'Николаевна', 'Коломенская центральная районная больница', 27),
    achievements: 'Руководит практикой ординаторов в больнице двадцать лет; открыла симуляционный класс для отработки навыков.' },
  { category: 2, municipality: 'Балашиха', quality: 7.0, person: ped('Савельев', 'Константин', 'Маркович', 'Балашихинская областная больница', 24),
    achievements: 'Ведёт курс для молодых участковых педиатров по работе с трудными семьями.' },
  { category: 2, municipality: 'Химки', quality: 6.7, person: ped('Тарасова', 'Вера', 'Алексеевна', 'Химкинская областная больница', 31),
    achievements: 'Организовала наставничество для выпускников ординатуры в первый год работы на участке.' },
  { category: 2, municipality: 'Одинцово', quality: 6.3, person: ped('Уварова', 'Ольга', 'Михайловна', 'Одинцовская детская поликлиника', 22),
    achievements: 'Читает лекции для студентов-медиков, ведёт кружок педиатрии для старшеклассников.' },
];

export const PAST_MOTIVATION =
  'Коллектив учреждения и родители пациентов поддерживают выдвижение. Врач много лет работает с детьми округа и щедро делится опытом с коллегами.';
