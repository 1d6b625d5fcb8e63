import type { NominationStatus } from '../nominations/nomination.entity';

/** Fictional doctors of the demo region. Any likeness to real people is accidental. */
interface DemoNominee {
  municipality: string;
  category: number;
  status: NominationStatus;
  reason?: string;
  person: { lastName: string; firstName: string; patronymic: string; position: string; institution: string; specialty: string; yearsOfPractice: number; phone: string; email: string };
  achievements: string;
  motivation: string;
}

const p = (lastName: string, firstName: string, patronymic: string, position: string, institution: string, years: number, specialty = 'педиатрия') => ({
  lastName, firstName, patronymic, position, institution, specialty, yearsOfPractice: years,
  phone: '+7 495 000-00-00', email: `${Math.abs(hash(lastName + firstName)) % 100000}@example.org`,
});
function hash(s: string): number {
  let h = 0;
  for (const ch of s) h = (h * 31 + ch.charCodeAt(0)) | 0;
  return h;
}

const ACH = [
  'За десять лет работы на участке добилась полного охвата детей профилактическими прививками, организовала школу молодых родителей и выездные осмотры в отдалённых посёлках.',
  'Внедрил в отделении протокол выхаживания недоношенных детей с экстремально низкой массой тела; выживаемость выросла, осложнений стало меньше. Автор восьми публикаций.',
  'Первые три года практики: ведёт самый большой участок поликлиники, освоил дистанционные консультации, отмечен благодарностями родителей и коллег.',
  'Подготовила более сорока детских врачей, руководит клинической ординатурой по педиатрии, разработала программу наставничества для молодых специалистов округа.',
  'Создал сервис записи и онлайн-консультаций для родителей, которым пользуются двенадцать поликлиник; время ожидания приёма сократилось вдвое.',
];
const MOT = 'Заслуженный, внимательный и бесконечно преданный профессии врач, которого знают и любят семьи всего округа. Коллектив единогласно поддерживает выдвижение.';

export const DEMO_NOMINEES: DemoNominee[] = [
  { municipality: 'Красногорск', category: 0, status: 'submitted', person: p('Воронцова', 'Елена', 'Игоревна', 'врач-педиатр участковый', 'Красногорская городская поликлиника № 2', 14), achievements: ACH[0], motivation: MOT },
  { municipality: 'Красногорск', category: 2, status: 'draft', person: p('Кравцов', 'Денис', 'Олегович', 'врач-педиатр', 'Красногорская городская поликлиника № 2', 2), achievements: ACH[2], motivation: MOT },
  { municipality: 'Красногорск', category: 1, status: 'returned', reason: 'Приложите ходатайство, подписанное главным врачом, а не заведующим отделением.', person: p('Миронова', 'Светлана', 'Викторовна', 'врач-неонатолог', 'Красногорский перинатальный центр', 11, 'неонатология'), achievements: ACH[1], motivation: MOT },
  { municipality: 'Щёлково', category: 0, status: 'accepted', person: p('Тихонова', 'Анна', 'Сергеевна', 'врач-педиатр участковый', 'Щёлковская районная больница № 1', 18), achievements: ACH[0], motivation: MOT },
  { municipality: 'Щёлково', category: 3, status: 'submitted', person: p('Константинопольская-Задунайская', 'Александра-Виктория', 'Вячеславовна', 'заведующая педиатрическим отделением, врач-педиатр высшей квалификационной категории', 'Государственное бюджетное учреждение здравоохранения Московской области «Щёлковская областная детская клиническая больница имени профессора Н. Н. Дружининой-Соколовской»', 32), achievements: ACH[3], motivation: MOT },
  { municipality: 'Щёлково', category: 4, status: 'rejected', reason: 'Сервис внедрён в другом регионе; номинация касается Московской области.', person: p('Гладков', 'Павел', 'Андреевич', 'врач-педиатр, руководитель проекта', 'Щёлковская районная больница № 1', 6), achievements: ACH[4], motivation: MOT },
  { municipality: 'Королёв', category: 0, status: 'submitted', person: p('Сафонова', 'Ирина', 'Николаевна', 'врач-педиатр участковый', 'Королёвская городская больница', 21), achievements: ACH[0], motivation: MOT },
  { municipality: 'Королёв', category: 1, status: 'accepted', person: p('Рябинин', 'Георгий', 'Львович', 'врач-неонатолог', 'Королёвский родильный дом', 16, 'неонатология'), achievements: ACH[1], motivation: MOT },
  { municipality: 'Балашиха', category: 0, status: 'accepted', person: p('Ковалёва', 'Татьяна', 'Юрьевна', 'врач-педиатр участковый', 'Балашихинская областная больница', 9), achievements: ACH[0], motivation: MOT },
  { municipality: 'Балашиха', category: 2, status: 'submitted', person: p('Лукин', 'Матвей', 'Романович', 'врач-педиатр', 'Балашихинская областная больница', 3), achievements: ACH[2], motivation: MOT },
  { municipality: 'Подольск', category: 3, status: 'accepted', person: p('Белоусова', 'Нина', 'Аркадьевна', 'врач-педиатр, наставник', 'Подольская городская детская поликлиника', 35), achievements: ACH[3], motivation: MOT },
  { municipality: 'Подольск', category: 4, status: 'submitted', person: p('Фомин', 'Кирилл', 'Евгеньевич', 'врач-педиатр', 'Подольская городская детская поликлиника', 7), achievements: ACH[4], motivation: MOT },
  { municipality: 'Мытищи', category: 0, status: 'withdrawn', person: p('Зуева', 'Ольга', 'Петровна', 'врач-педиатр участковый', 'Мытищинская городская клиническая больница', 12), achievements: ACH[0], motivation: MOT },
  { municipality: 'Мытищи', category: 1, status: 'submitted', person: p('Данилова', 'Вероника', 'Алексеевна', 'врач-неонатолог', 'Мытищинский перинатальный центр', 8, 'неонатология'), achievements: ACH[1], motivation: MOT },
  { municipality: 'Химки', category: 2, status: 'accepted', person: p('Орехов', 'Святослав', 'Ильич', 'врач-педиатр', 'Химкинская областная больница', 4), achievements: ACH[2], motivation: MOT },
  { municipality: 'Одинцово', category: 0, status: 'submitted', person: p('Полякова', 'Маргарита', 'Дмитриевна', 'врач-педиатр участковый', 'Одинцовская областная больница', 15), achievements: ACH[0], motivation: MOT },
  { municipality: 'Люберцы', category: 4, status: 'accepted', person: p('Чернов', 'Артемий', 'Владиславович', 'врач-педиатр, заведующий кабинетом телемедицины', 'Люберецкая областная больница', 10), achievements: ACH[4], motivation: MOT },
  { municipality: 'Коломна', category: 0, status: 'submitted', person: p('Ермакова', 'Людмила', 'Степановна', 'врач-педиатр участковый', 'Коломенская центральная районная больница', 27), achievements: ACH[0], motivation: MOT },
  { municipality: 'Электросталь', category: 1, status: 'draft', person: p('Некрасова', 'Полина', 'Андреевна', 'врач-неонатолог', 'Электростальская центральная городская больница', 6, 'неонатология'), achievements: ACH[1], motivation: MOT },
  { municipality: 'Дзержинский', category: 2, status: 'submitted', person: p('Шестаков', 'Лев', 'Маркович', 'врач-педиатр', 'Дзержинская городская больница', 1), achievements: ACH[2], motivation: MOT },
];
