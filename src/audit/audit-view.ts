import { hasKey, translate, type Locale } from '../web/i18n';
import type { AuditRow } from './audit-queries';

/** One line of the log as people read it: names and labels instead of codes. */
export interface AuditRowView {
  at: Date;
  who: string;
  entityLabel: string;
  entityId: string;
  /** a page about the thing, where the admin has one */
  href: string | null;
  action: string;
  fromState: string | null;
  toState: string | null;
  reason: string | null;
}

/** The catalog's text for a key, or the code itself (events written by later features may have no label yet). */
const labelOr = (locale: Locale, key: string, code: string) => (hasKey(locale, key) ? translate(locale, key) : code);

/**
 * Where each kind of thing's recorded states are labelled: nominations, cycles and users (their roles)
 * reuse the catalogs their own pages show; scorecards and certificates have their states under audit.states.
 * test/audit/labels.test.ts reads the source and checks every state it records has a label here.
 */
export const STATE_KEYS: Record<string, string> = {
  nomination: 'nominations.status',
  user: 'roles',
  cycle: 'phases',
  scorecard: 'audit.states.scorecard',
  certificate: 'audit.states.certificate',
};

const PAGES: Record<string, (id: string) => string> = {
  nomination: (id) => `/admin/nominations/${id}`,
  user: (id) => `/admin/users/${id}`,
  cycle: (id) => `/admin/cycles/${id}`,
  category: (id) => `/admin/categories/${id}/edit`,
};

export function auditRowView(row: AuditRow, locale: Locale): AuditRowView {
  const state = (s: string | null) => (s === null ? null : STATE_KEYS[row.entity] ? labelOr(locale, `${STATE_KEYS[row.entity]}.${s}`, s) : s);
  return {
    at: row.at,
    who: row.actorName ?? translate(locale, 'audit.system'),
    entityLabel: labelOr(locale, `audit.entities.${row.entity}`, row.entity),
    entityId: row.entityId,
    href: PAGES[row.entity] && !row.gone && /^\d+$/.test(row.entityId) ? PAGES[row.entity](row.entityId) : null,
    action: labelOr(locale, `audit.actions.${row.action}`, row.action),
    fromState: state(row.fromState),
    toState: state(row.toState),
    reason: row.reason,
  };
}
