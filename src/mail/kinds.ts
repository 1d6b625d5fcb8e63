/**
 * Every kind of message Laureate sends, in one place: the outbox filters by it, the README lists it,
 * and each kind has its templates in views/mail/<kind>.html.hbs and views/mail/<kind>.text.hbs and its
 * subject under `mail.<kind>.subject` in locales/<lang>/mail-*.json.
 */
export const MAIL_KINDS = [
  'invitation',
  'password_reset',
  'juror_assigned',
  'juror_assignment_changed',
  'recusal_cancelled',
  'nomination_returned',
  'nomination_accepted',
  'nomination_rejected',
  'results_published',
  'certificate_issued',
  'certificate_completion',
  'reminder_officer_drafts',
  'reminder_juror_scorecards',
  'broadcast',
  'event_confirm',
  'event_already_registered',
  'event_confirmed',
  'event_waiting',
  'event_promoted',
  'event_invitation',
  'event_join_link',
  'programme_offer',
  'programme_offer_copy',
  'event_certificate',
] as const;

export type MailKind = (typeof MAIL_KINDS)[number];

export function isMailKind(value: unknown): value is MailKind {
  return typeof value === 'string' && (MAIL_KINDS as readonly string[]).includes(value);
}
