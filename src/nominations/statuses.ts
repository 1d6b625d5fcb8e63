/**
 * The nomination lifecycle as data: every status, every move between them, and the named groups that
 * the rest of the code asks about («may the officer still change it?», «does it hold a quota place?»,
 * «was it judged?»). Pure and import-free, so the entity's CHECK constraint and partial index are built
 * from it too. Nothing outside this file (and lifecycle.ts, which performs the moves) spells a
 * nomination status: test/nominations/status-literals.test.ts scans src/ for strays.
 *
 *   draft ──submit──▶ submitted ──accept──▶ accepted ──award──▶ winner
 *     ▲                 │  │  └──reject──▶ rejected       └─passOver─▶ not_awarded
 *     │                 │  └──return──▶ returned ──submit──▶ submitted      (reopen: back to accepted)
 *   draft, submitted, returned ──withdraw──▶ withdrawn
 */

export const NOMINATION_STATUSES = ['draft', 'submitted', 'returned', 'accepted', 'rejected', 'withdrawn', 'winner', 'not_awarded'] as const;
export type NominationStatus = (typeof NOMINATION_STATUSES)[number];

/** Named sets of statuses; each is the one definition of what it says. */
export const STATUS_GROUPS = {
  /** the officer may still change and (re)submit it, inside the window */
  editable: ['draft', 'returned'],
  /** the officer may withdraw it (while nominations are open) */
  withdrawable: ['draft', 'submitted', 'returned'],
  /** waits for the admin's screening decision */
  awaitingDecision: ['submitted'],
  /** sent back to the officer for a correction */
  awaitingCorrection: ['returned'],
  /** holds a place in the municipality's quota and makes the nominee "already nominated" in the category */
  active: ['submitted', 'returned', 'accepted', 'winner', 'not_awarded'],
  /** admitted to judging and not yet placed by approved results: jurors score these */
  underJudging: ['accepted'],
  /** judged: under judging, or placed by the approved results */
  judged: ['accepted', 'winner', 'not_awarded'],
  /** placed by the approved results as a winner */
  awarded: ['winner'],
  /** judged and not a winner: receives a participation certificate */
  participants: ['accepted', 'not_awarded'],
  /** placed by the approved results, as a winner or not */
  placed: ['winner', 'not_awarded'],
  /** the admin's screening decision was taken (its date is shown) */
  screened: ['accepted', 'rejected', 'returned'],
  /** carries the reason the admin gave, which the officer reads */
  withReason: ['returned', 'rejected'],
  /** ever sent to the committee: everything but a draft (the screening list, exports, counts) */
  lodged: ['submitted', 'returned', 'accepted', 'rejected', 'withdrawn', 'winner', 'not_awarded'],
  /** a draft, never sent */
  unsent: ['draft'],
  /** what a nomination is created as */
  initial: ['draft'],
} as const satisfies Record<string, readonly NominationStatus[]>;

export type StatusGroup = keyof typeof STATUS_GROUPS;
export type StatusOf<G extends StatusGroup> = (typeof STATUS_GROUPS)[G][number];

/** The statuses of a group (for `status = ANY($n)` parameters and lists). */
export const statusesOf = <G extends StatusGroup>(group: G): readonly StatusOf<G>[] => STATUS_GROUPS[group];

/** Is `status` in `group`? A type guard, so a narrowed status can be used where the group is expected. */
export function isIn<G extends StatusGroup>(group: G, status: string | null | undefined): status is StatusOf<G> {
  return status != null && (STATUS_GROUPS[group] as readonly string[]).includes(status);
}

/** The one status of a one-status group (`initial`, `awarded` …), for inserts and comparisons in SQL results. */
export function theStatus<G extends StatusGroup>(group: G): StatusOf<G> {
  const list = STATUS_GROUPS[group];
  if (list.length !== 1) throw new Error(`status group ${group} has ${list.length} statuses`);
  return list[0];
}

const sqlList = (list: readonly string[]) => list.map((s) => `'${s}'`).join(',');

/**
 * A SQL condition «the nomination's status is in the group», e.g. `n.status IN ('accepted','winner','not_awarded')`.
 * The values are this file's constants, never input, so inlining them is safe (and lets the planner use the
 * partial index and the (cycle_id, status) index).
 */
export function statusIn(group: StatusGroup, alias: string | null = 'n'): string {
  return `${alias ? `${alias}.` : ''}status IN (${sqlList(STATUS_GROUPS[group])})`;
}

/** The negation of statusIn. */
export function statusNotIn(group: StatusGroup, alias: string | null = 'n'): string {
  return `${alias ? `${alias}.` : ''}status NOT IN (${sqlList(STATUS_GROUPS[group])})`;
}

/** The entity's CHECK constraint and the partial unique index (kept byte for byte as the migrations wrote them). */
export const STATUS_CHECK_SQL = `status IN (${sqlList(NOMINATION_STATUSES)})`;
export const ACTIVE_INDEX_WHERE_SQL = `status IN (${sqlList(STATUS_GROUPS.active)})`;

/**
 * Every move a nomination can make, by name. `audit` is the action written to the audit log (the names
 * the log has always used); `event` the domain event announced, if any.
 */
export const NOMINATION_MOVES = {
  submit: { from: ['draft', 'returned'], to: 'submitted', audit: 'nomination.submitted', event: 'nomination.submitted' },
  withdraw: { from: ['draft', 'submitted', 'returned'], to: 'withdrawn', audit: 'nomination.withdrawn', event: null },
  accept: { from: ['submitted'], to: 'accepted', audit: 'nomination.accept', event: 'nomination.decided' },
  reject: { from: ['submitted'], to: 'rejected', audit: 'nomination.reject', event: 'nomination.decided' },
  return: { from: ['submitted'], to: 'returned', audit: 'nomination.return', event: 'nomination.returned' },
  /** approval of the results: a winner, with a place */
  award: { from: ['accepted'], to: 'winner', audit: 'nomination.winner', event: null },
  /** approval of the results: judged but not among the winners */
  passOver: { from: ['accepted'], to: 'not_awarded', audit: 'nomination.notAwarded', event: null },
  /** reopening approved results: back under judging, unplaced */
  reopen: { from: ['winner', 'not_awarded'], to: 'accepted', audit: 'nomination.reopened', event: null },
} as const satisfies Record<string, { from: readonly NominationStatus[]; to: NominationStatus; audit: string; event: string | null }>;

export type NominationMove = keyof typeof NOMINATION_MOVES;

/** The screening decisions and the move each one makes. */
export const DECISION_MOVES = { accept: 'accept', reject: 'reject', return: 'return' } as const satisfies Record<string, NominationMove>;

/** from → the statuses reachable in one move (derived from the moves, so the two never disagree). */
export const TRANSITIONS: Readonly<Record<NominationStatus, readonly NominationStatus[]>> = Object.fromEntries(
  NOMINATION_STATUSES.map((from) => [from, [...new Set(Object.values(NOMINATION_MOVES).filter((mv) => (mv.from as readonly string[]).includes(from)).map((mv) => mv.to))]]),
) as Record<NominationStatus, NominationStatus[]>;

/** May a nomination in `from` make `move`? */
export function canMove(move: NominationMove, from: NominationStatus): boolean {
  return (NOMINATION_MOVES[move].from as readonly NominationStatus[]).includes(from);
}

/** The status a move leads to. */
export const targetOf = <M extends NominationMove>(move: M): (typeof NOMINATION_MOVES)[M]['to'] => NOMINATION_MOVES[move].to;

/**
 * The shortest run of moves from a new draft to `status`, each with its from and to (the demo seeds
 * nominations in a state together with the audit history that leads there).
 */
export function pathTo(status: NominationStatus): Array<{ move: NominationMove; from: NominationStatus; to: NominationStatus }> {
  const start = theStatus('initial');
  const via = new Map<NominationStatus, { move: NominationMove; from: NominationStatus }>();
  const queue: NominationStatus[] = [start];
  while (queue.length && !via.has(status) && status !== start) {
    const from = queue.shift()!;
    for (const [move, spec] of Object.entries(NOMINATION_MOVES) as Array<[NominationMove, (typeof NOMINATION_MOVES)[NominationMove]]>) {
      if (!(spec.from as readonly NominationStatus[]).includes(from) || via.has(spec.to)) continue;
      via.set(spec.to, { move, from });
      queue.push(spec.to);
    }
  }
  const path: Array<{ move: NominationMove; from: NominationStatus; to: NominationStatus }> = [];
  for (let at = status; at !== start; ) {
    const step = via.get(at);
    if (!step) throw new Error(`no path to ${status}`);
    path.unshift({ move: step.move, from: step.from, to: at });
    at = step.from;
  }
  return path;
}
