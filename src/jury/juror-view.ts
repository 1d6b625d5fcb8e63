import type { CycleStatus } from '../cycles/cycle.entity';
import { judgingOpen } from './judging-window';
import type { CriterionView, JurorAssignmentRow } from './juror-queries';
import { bandLabel } from './rubric';

type Window = { cycleStatus: CycleStatus; judgingStart: Date | null; judgingEnd: Date | null };

/**
 * Where the judging window stands for a juror: open until a date, opening on a date, or closed. Closed
 * says the deadline passed only once it has: the admin may close judging early, and a juror reading
 * «срок истёк» with a date still ahead would think the page broken.
 */
export function windowState(w: Window, now: Date): { open: boolean; messageKey: string; date: Date | null } {
  const open = judgingOpen({ status: w.cycleStatus, judgingStart: w.judgingStart, judgingEnd: w.judgingEnd }, now);
  if (open) return { open, messageKey: w.judgingEnd ? 'jury.window.openUntil' : 'jury.window.open', date: w.judgingEnd };
  const notYet = ['draft', 'nominations_open', 'screening'].includes(w.cycleStatus) || (w.cycleStatus === 'judging' && !!w.judgingStart && now < w.judgingStart);
  if (notYet) return { open, messageKey: w.judgingStart ? 'jury.window.opensOn' : 'jury.window.notYet', date: w.judgingStart };
  const passed = !!w.judgingEnd && now >= w.judgingEnd;
  return passed ? { open, messageKey: 'jury.window.closedOn', date: w.judgingEnd } : { open, messageKey: 'jury.window.closedByCommittee', date: null };
}

/** The juror's start page: assignments grouped by cycle and category, each group with its progress. */
export function jurorHomeView(rows: JurorAssignmentRow[], now: Date) {
  const groups = new Map<string, ReturnType<typeof groupOf>>();
  function groupOf(r: JurorAssignmentRow) {
    return { cycleName: r.cycleName, categoryId: r.categoryId, categoryName: r.categoryName, window: windowState(r, now), done: 0, total: 0, items: [] as Array<Record<string, unknown>> };
  }
  for (const r of rows) {
    const key = `${r.cycleId}:${r.categoryId}`;
    const g = groups.get(key) ?? groupOf(r);
    groups.set(key, g);
    const state = !r.confirmed ? 'toConfirm' : r.cardStatus ?? 'notStarted';
    g.total += 1;
    if (state === 'submitted') g.done += 1;
    g.items.push({ href: `/jury/nominations/${r.nominationId}`, fullName: r.fullName, municipalityName: r.blindJudging ? null : r.municipalityName, state, stateKey: `jury.state.${state}` });
  }
  return [...groups.values()];
}

/** One criterion of the scoring form: its rubric, its scale as radio buttons (small scales) or a number field. */
export function criterionInputs(criteria: CriterionView[], values: Record<string, string>, errors: Record<string, string>) {
  return criteria.map((c) => {
    const value = values[String(c.id)] ?? '';
    const width = c.scaleMax - c.scaleMin + 1;
    return {
      id: c.id,
      name: c.name,
      description: c.description,
      scaleMin: c.scaleMin,
      scaleMax: c.scaleMax,
      rubric: c.rubric.map((b) => ({ label: bandLabel(b), text: b.text })),
      value,
      error: errors[String(c.id)],
      radios: width <= 11 ? Array.from({ length: width }, (_x, i) => String(c.scaleMin + i)).map((v) => ({ value: v, checked: v === value })) : null,
    };
  });
}
