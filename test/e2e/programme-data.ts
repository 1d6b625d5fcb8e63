import { GROMOV, VASILYEVA, type Doctor } from './award-data';

/**
 * What the people of the programme's walkthrough type in: one programme, three competitive tracks, three
 * applicants. The criteria, the letter of recommendation and the scorecard are the award's (award-data.ts):
 * the commission's pages are the same.
 */

export const PROGRAMME = {
  name: 'Наш детский врач — стажировки 2027',
  slug: 'our-childrens-doctor-internships-2027',
  code: 'STAJ',
  year: '2027',
  description: 'Стажировки педиатров Московской области в ведущих клиниках.',
};

const DAY = 24 * 3600 * 1000;
/** a calendar day `days` from today, as the track form's date input takes it */
const day = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);

export interface TrackData {
  key: string;
  name: string;
  host: string;
  city: string;
  country: string;
  hours: string;
  places: string;
  /** the documents an application must carry, as the track form's checkboxes name them */
  documents: string[];
}

/**
 * The tracks have already run (they ended yesterday): the walk reaches completion the same afternoon, and
 * outcomes are marked only after a track's last day. The form takes past dates.
 */
export const TRACK_DATES = { start: day(-28), end: day(-1) };

/** One place only: the first two applicants both want it, and the decline hands it down. */
export const NEONATOLOGY: TrackData = {
  key: 'neonatology', name: 'Неонатология и выхаживание недоношенных', host: 'НМИЦ здоровья детей', city: 'Москва', country: 'Россия',
  hours: '72', places: '1', documents: ['recommendation'],
};
export const CARDIOLOGY: TrackData = {
  key: 'cardiology', name: 'Детская кардиология', host: 'Детская клиника Шарите', city: 'Берлин', country: 'Германия',
  hours: '144', places: '2', documents: [],
};
export const NEUROLOGY: TrackData = {
  key: 'neurology', name: 'Детская неврология', host: 'НИКИ педиатрии имени Вельтищева', city: 'Москва', country: 'Россия',
  hours: '36', places: '2', documents: [],
};
export const TRACKS = [NEONATOLOGY, CARDIOLOGY, NEUROLOGY];

/** An applying doctor: the award's nominee fields, the email the offer goes to, and the tracks most wanted first. */
export interface Applicant extends Doctor {
  email: string;
  preferences: TrackData[];
  officer: 'officer' | 'officer2';
}

/** Scored highest: gets neonatology, then declines it. */
export const APPLICANT_1: Applicant = { ...VASILYEVA, email: 'vasilyeva.doctor@example.net', preferences: [NEONATOLOGY, CARDIOLOGY], officer: 'officer' };
/** Second: neonatology is full, so neurology (2nd choice) at first; the decline moves them up to neonatology. */
export const APPLICANT_2: Applicant = { ...GROMOV, email: 'gromov.doctor@example.net', preferences: [NEONATOLOGY, NEUROLOGY], officer: 'officer2' };
/** Third: cardiology, the only track asked for. */
export const APPLICANT_3: Applicant = {
  key: 'morozova', lastName: 'Морозова', firstName: 'Елена', patronymic: 'Игоревна',
  position: 'врач-педиатр участковый', institution: 'Красногорская городская детская поликлиника', specialty: 'педиатрия', years: '6', phone: '+7 495 000-00-03',
  achievements: 'Вела приём детей с врождёнными пороками сердца и наладила их наблюдение вместе с областным кардиоцентром.',
  motivation: 'Хочет перенять опыт ведения детей после кардиохирургических операций и внедрить его в поликлинике района.',
  email: 'morozova.doctor@example.net', preferences: [CARDIOLOGY], officer: 'officer',
};
export const APPLICANTS = [APPLICANT_1, APPLICANT_2, APPLICANT_3];

/** A juror's scores by criterion (award-data CRITERIA), per applicant key: the order is 1, 2, 3 for everyone. */
export const PROGRAMME_SCORES: Record<'juror' | 'juror2' | 'juror3', Record<string, number[]>> = {
  juror: { vasilyeva: [9, 5], gromov: [7, 4], morozova: [5, 3] },
  juror2: { vasilyeva: [8, 4], gromov: [7, 3], morozova: [5, 2] },
  juror3: { vasilyeva: [9, 4], gromov: [6, 3], morozova: [4, 3] },
};

/** Hours attended, as the completion page is given them. */
export const HOURS = { gromov: '70', morozova: '144' };
