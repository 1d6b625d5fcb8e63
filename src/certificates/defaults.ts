import type { CertificateKind, Signatory } from './certificate.entity';

/**
 * The texts a cycle's certificates start with, before the admin edits them: official Russian wording
 * of the regional ministry. A body line that holds only the holder's name placeholder is printed as the
 * large name line; the lines above it are the small lead-in, the lines below it the award text.
 * The signatories are fictional, for the demo region; the admin replaces them.
 */
export interface TemplateText {
  title: string;
  body: string;
  signatories: Signatory[];
  accentColor: string;
}

const SIGNATORIES: Signatory[] = [
  { name: 'А. В. Северцев', title: 'Министр здравоохранения Московской области' },
  { name: 'Е. Н. Лаврова', title: 'Председатель организационного комитета конкурса' },
];

export const DEFAULT_TEMPLATES: Record<CertificateKind, TemplateText> = {
  winner: {
    title: 'Диплом победителя',
    body: [
      'награждается',
      '{nominee.fullName}',
      '{nominee.position}, {nominee.institution},',
      '— победитель конкурса «{cycle.name}» в номинации «{category.name}»',
    ].join('\n'),
    signatories: SIGNATORIES,
    accentColor: '#1d4f91',
  },
  nominee: {
    title: 'Свидетельство номинанта',
    body: [
      'настоящим удостоверяется, что',
      '{nominee.fullName}',
      '{nominee.position}, {nominee.institution},',
      'является номинантом конкурса «{cycle.name}» в номинации «{category.name}»',
    ].join('\n'),
    signatories: SIGNATORIES,
    accentColor: '#22604c',
  },
  juror: {
    title: 'Благодарственное письмо члену жюри',
    // the title says «члену жюри» already: the letter opens with the name
    body: [
      '{juror.fullName}',
      '{juror.institution}',
      'Организационный комитет конкурса «{cycle.name}» выражает Вам искреннюю благодарность за профессионализм, объективность и большой личный вклад в работу жюри.',
    ].join('\n'),
    signatories: SIGNATORIES,
    accentColor: '#7a2d3a',
  },
  // a programme's certificate: who, where, when and how many hours, the wording of a ministry's internship certificate
  completion: {
    title: 'Сертификат о прохождении стажировки',
    body: [
      'настоящим удостоверяется, что',
      '{holder.fullName}',
      '{participant.position}, {participant.institution},',
      '{participant.passed} стажировку «{track.name}»',
      'на базе {track.host} ({track.city}, {track.country})',
      '{track.period} в объёме {hours.text}',
      'по программе «{cycle.name}»',
    ].join('\n'),
    signatories: [SIGNATORIES[0], { name: 'Е. Н. Лаврова', title: 'Руководитель программы стажировок' }],
    accentColor: '#23566b',
  },
};
