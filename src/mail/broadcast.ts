import type { EntityManager } from 'typeorm';
import type { Cycle } from '../cycles/cycle.entity';
import { recordAudit } from '../audit/record';
import { mailUser } from './outbox';
import { jurorsWithUnscored } from './reminders/outstanding';

/**
 * A message the admin writes to a group of a cycle's people (рассылка): every officer of the region's
 * municipalities, one panel's jurors, or the jurors who still have nominations to score. The admin sees how many
 * will receive it before sending; each recipient gets one mail in their language (the admin's text itself is
 * sent as written), and the audit log keeps the group, the subject and the count.
 */

export type BroadcastGroup = { kind: 'officers' } | { kind: 'unfinished' } | { kind: 'panel'; panelId: number };

/** A group as the form sends it: `officers`, `unfinished` or `panel-<id>`. */
export const GROUP_VALUE = /^(officers|unfinished|panel-[1-9]\d{0,8})$/;

export function parseGroup(value: string): BroadcastGroup | null {
  if (!GROUP_VALUE.test(value)) return null;
  if (value === 'officers' || value === 'unfinished') return { kind: value };
  return { kind: 'panel', panelId: Number(value.slice('panel-'.length)) };
}

export const groupValue = (g: BroadcastGroup) => (g.kind === 'panel' ? `panel-${g.panelId}` : g.kind);

export interface GroupOption {
  value: string;
  labelKey: string;
  params: Record<string, string>;
}

/** The groups of a cycle the admin may write to: its officers, each panel (by its category), the jurors who have not finished. */
export async function broadcastGroups(m: EntityManager, cycleId: number): Promise<GroupOption[]> {
  const panels: Array<{ id: number; category: string }> = await m.query(
    `SELECT p.id, k.name AS category FROM panel p JOIN category k ON k.id = p.category_id WHERE k.cycle_id = $1 ORDER BY k.sort_order, k.id`,
    [cycleId],
  );
  return [
    { value: 'officers', labelKey: 'broadcast.groups.officers', params: {} },
    ...panels.map((p) => ({ value: groupValue({ kind: 'panel', panelId: p.id }), labelKey: 'broadcast.groups.panel', params: { category: p.category } })),
    { value: 'unfinished', labelKey: 'broadcast.groups.unfinished', params: {} },
  ];
}

export interface Recipient {
  userId: number;
  fullName: string;
}

/**
 * Who a group of the cycle is now, by name; only active people (a deactivated account gets no mail). Officers
 * who have not yet accepted their invitation are included: their address is known and the news concerns them.
 * null: the group is not one of this cycle's (a panel of another cycle).
 */
export async function broadcastRecipients(m: EntityManager, cycle: Pick<Cycle, 'id' | 'regionId'>, group: BroadcastGroup): Promise<Recipient[] | null> {
  switch (group.kind) {
    case 'officers':
      return m.query(
        `SELECT u.id AS "userId", u.full_name AS "fullName" FROM app_user u JOIN municipality mu ON mu.id = u.municipality_id
          WHERE u.role = 'officer' AND u.active AND mu.region_id = $1 ORDER BY u.full_name, u.id`,
        [cycle.regionId],
      );
    case 'panel': {
      const [panel] = await m.query(`SELECT p.id FROM panel p JOIN category k ON k.id = p.category_id WHERE p.id = $1 AND k.cycle_id = $2`, [group.panelId, cycle.id]);
      if (!panel) return null;
      return m.query(
        `SELECT u.id AS "userId", u.full_name AS "fullName" FROM panel_member pm JOIN app_user u ON u.id = pm.juror_id
          WHERE pm.panel_id = $1 AND u.active ORDER BY u.full_name, u.id`,
        [group.panelId],
      );
    }
    case 'unfinished':
      return (await jurorsWithUnscored(m, cycle.id)).map((p) => ({ userId: p.userId, fullName: p.fullName }));
  }
}

/** The admin's text as paragraphs of lines: a blank line parts paragraphs, a line break stays a line break. */
export function paragraphsOf(body: string): string[][] {
  return body
    .replace(/\r\n?/g, '\n')
    .split(/\n(?:[ \t]*\n)+/)
    .filter((p) => p.trim() !== '')
    .map((p) => p.split('\n').map((line) => line.trimEnd()));
}

export const SAMPLE_SIZE = 10;

export interface BroadcastPreview {
  count: number;
  sample: string[];
  /** how many are not named in the sample */
  more: number;
}

type GroupProblem = 'unknownGroup' | 'emptyGroup';

/** The recipients of a group, or why there are none to write to. */
async function recipientsOf(m: EntityManager, cycle: Pick<Cycle, 'id' | 'regionId'>, group: BroadcastGroup): Promise<{ ok: true; recipients: Recipient[] } | { ok: false; problem: GroupProblem }> {
  const recipients = await broadcastRecipients(m, cycle, group);
  if (!recipients) return { ok: false, problem: 'unknownGroup' };
  return recipients.length ? { ok: true, recipients } : { ok: false, problem: 'emptyGroup' };
}

/** How many a broadcast to the group would reach now, and the first of them by name. */
export async function previewBroadcast(m: EntityManager, cycle: Pick<Cycle, 'id' | 'regionId'>, group: BroadcastGroup): Promise<{ ok: true; preview: BroadcastPreview } | { ok: false; problem: GroupProblem }> {
  const found = await recipientsOf(m, cycle, group);
  if (!found.ok) return found;
  const { recipients } = found;
  return { ok: true, preview: { count: recipients.length, sample: recipients.slice(0, SAMPLE_SIZE).map((r) => r.fullName), more: Math.max(0, recipients.length - SAMPLE_SIZE) } };
}

export interface BroadcastInput {
  group: BroadcastGroup;
  subject: string;
  body: string;
  /** drawn once per preview: sending the same preview twice (a double click, a reload) mails nobody twice */
  sendKey: string;
}

export type BroadcastResult = { ok: true; sent: number; alreadySent: boolean } | { ok: false; problem: GroupProblem };

/** Enqueues one mail per recipient of the group and records the broadcast in the audit log, in the caller's transaction. */
export async function sendBroadcast(m: EntityManager, cycle: Pick<Cycle, 'id' | 'regionId' | 'name'>, input: BroadcastInput, actorId: number): Promise<BroadcastResult> {
  const found = await recipientsOf(m, cycle, input.group);
  if (!found.ok) return found;
  const data = { subject: input.subject, body: input.body, paragraphs: paragraphsOf(input.body), cycleName: cycle.name };
  let sent = 0;
  for (const r of found.recipients) {
    const idempotencyKey = `broadcast:cycle:${cycle.id}:send:${input.sendKey}:user:${r.userId}`;
    const result = await mailUser(m, r.userId, { kind: 'broadcast', idempotencyKey, data, cycleId: cycle.id });
    if (result?.created) sent += 1;
  }
  if (!sent) return { ok: true, sent, alreadySent: true };
  // the subject goes in the column the log shows; the group and the count say to whom it went
  await recordAudit(m, {
    actorId, entity: 'cycle', entityId: cycle.id, cycleId: cycle.id, action: 'cycle.broadcastSent',
    reason: input.subject, data: { group: groupValue(input.group), subject: input.subject, count: sent },
  });
  return { ok: true, sent, alreadySent: false };
}
