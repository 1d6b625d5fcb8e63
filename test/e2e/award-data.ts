import { demoLetterPdf } from '../../src/demo/documents';

/** What the people of the walkthrough type in: one cycle, one category, two criteria, two doctors. */

/**
 * A few texts written out by hand rather than read from the catalogs: a key missing in English falls
 * back to Russian, and only a fixed text notices that the English walk is not in English.
 */
export const HAND_WRITTEN = {
  ru: { signIn: 'Вход', valid: 'Документ действителен' },
  en: { signIn: 'Sign in', valid: 'The document is valid' },
} as const;

export const CYCLE = {
  name: 'Лучший участковый педиатр — 2027',
  slug: 'best-district-pediatrician-2027',
  code: 'BDP',
  year: '2027',
  description: 'Конкурс для участковых педиатров Московской области.',
};

export const CATEGORY = { name: 'Участковый педиатр', maxWinners: '1', quota: '1' };

export const CRITERIA = [
  { name: 'Клиническое мастерство', weight: '2', min: '1', max: '10', rubric: '1–4: базовый уровень\n5–7: уверенная практика\n8–10: выдающиеся результаты' },
  { name: 'Работа с семьями', weight: '1', min: '1', max: '5', rubric: '1–2: формально\n3–5: доверие и участие' },
];

export interface Doctor {
  /** names the screenshots */
  key: string;
  lastName: string;
  firstName: string;
  patronymic: string;
  position: string;
  institution: string;
  specialty: string;
  years: string;
  phone: string;
  achievements: string;
  motivation: string;
}

const fullNameOf = (d: Doctor) => `${d.lastName} ${d.firstName} ${d.patronymic}`;

/** Nominated by officer@ (Красногорск); the winner. */
export const VASILYEVA: Doctor = {
  key: 'vasilyeva', lastName: 'Васильева', firstName: 'Анна', patronymic: 'Викторовна',
  position: 'участковый врач-педиатр', institution: 'Красногорская городская детская поликлиника', specialty: 'педиатрия', years: '14', phone: '+7 495 000-00-01',
  achievements: 'Ведёт участок из 900 детей, снизила число госпитализаций с бронхиальной астмой вдвое за три года.',
  motivation: 'Родители участка называют её своим доктором: доступна, внимательна, объясняет каждое назначение.',
};

/** Nominated by officer2@ (Щёлково); returned once for a correction. */
export const GROMOV: Doctor = {
  key: 'gromov', lastName: 'Громов', firstName: 'Илья', patronymic: 'Сергеевич',
  position: 'врач-педиатр участковый', institution: 'Щёлковская районная больница', specialty: 'педиатрия', years: '8', phone: '+7 496 000-00-02',
  achievements: 'Организовал выездные приёмы в сёлах района и школу для родителей недоношенных детей.',
  motivation: 'Первым в районе начал вести семьи с детьми-инвалидами по единому маршруту помощи.',
};

export const nameOf = fullNameOf;

/** A juror's scores by criterion, in CRITERIA order. */
export const SCORES = {
  juror: { vasilyeva: [9, 5] },
  juror2: { vasilyeva: [8, 4], gromov: [6, 3] },
  juror3: { vasilyeva: [9, 4], gromov: [7, 3] },
};

export const letterName = (d: Doctor) => `ходатайство-${d.lastName}.pdf`;

/** A small real PDF: the letter of recommendation the officer attaches. */
export async function recommendationLetter(d: Doctor): Promise<{ name: string; mimeType: string; buffer: Buffer }> {
  const buffer = await demoLetterPdf('Ходатайство', [`Муниципалитет выдвигает ${fullNameOf(d)} (${d.position}, ${d.institution}).`, d.achievements]);
  return { name: letterName(d), mimeType: 'application/pdf', buffer };
}
