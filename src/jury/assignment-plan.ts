import { automaticConflict, type JurorProfile, type NominationProfile } from './conflict-rules';
import type { ConflictKind } from './assignment.entity';

export type Pair = { jurorId: number; nominationId: number };

export interface PlanInput {
  jurors: JurorProfile[];
  nominations: NominationProfile[];
  /** 'all': every panel juror scores every nomination; k: each nomination gets k jurors */
  mode: 'all' | 'k';
  k: number | null;
  /** assignments already made (kept: a juror may have started scoring) */
  existing: Pair[];
  /** declared conflicts (recusals): never assigned again */
  declared: Pair[];
}

export interface Plan {
  /** new assignments to add */
  add: Pair[];
  /** automatic conflicts found, with their kind */
  conflicts: Array<Pair & { kind: ConflictKind }>;
  /** nominations that could not get enough jurors without conflicts */
  lacking: Array<{ nominationId: number; have: number; need: number }>;
}

/**
 * Plans assignments. Conflicts (automatic or declared) are never assigned. With k jurors per nomination,
 * the most constrained nominations are served first, each by the least-loaded eligible jurors; then
 * assignments move from the busiest to the least busy jurors while that is possible, so loads differ
 * by at most one unless conflicts make it impossible.
 */
export function planAssignments(input: PlanInput): Plan {
  const key = (j: number, n: number) => `${j}:${n}`;
  const declared = new Set(input.declared.map((p) => key(p.jurorId, p.nominationId)));
  const assigned = new Set(input.existing.map((p) => key(p.jurorId, p.nominationId)));
  const conflicts: Plan['conflicts'] = [];
  const eligible = new Map<number, number[]>();
  for (const n of input.nominations) {
    const ok: number[] = [];
    for (const j of input.jurors) {
      const kind = automaticConflict(j, n);
      if (kind) conflicts.push({ jurorId: j.id, nominationId: n.id, kind });
      else if (!declared.has(key(j.id, n.id))) ok.push(j.id);
    }
    eligible.set(n.id, ok);
  }
  const load = new Map<number, number>(input.jurors.map((j) => [j.id, 0]));
  for (const p of input.existing) if (load.has(p.jurorId)) load.set(p.jurorId, load.get(p.jurorId)! + 1);
  const add: Pair[] = [];
  const lacking: Plan['lacking'] = [];
  const give = (j: number, n: number) => {
    add.push({ jurorId: j, nominationId: n });
    assigned.add(key(j, n));
    load.set(j, load.get(j)! + 1);
  };
  const countFor = (n: number) => input.jurors.filter((j) => assigned.has(key(j.id, n))).length;

  const order = [...input.nominations].sort((a, b) => eligible.get(a.id)!.length - eligible.get(b.id)!.length || a.id - b.id);
  for (const n of order) {
    const need = input.mode === 'all' ? eligible.get(n.id)!.length : Math.min(input.k ?? 1, input.jurors.length);
    const candidates = eligible.get(n.id)!.filter((j) => !assigned.has(key(j, n.id)));
    candidates.sort((a, b) => load.get(a)! - load.get(b)! || a - b);
    let have = countFor(n.id);
    for (const j of candidates) {
      if (have >= need) break;
      give(j, n.id);
      have++;
    }
    // 'all': every juror free of conflicts scores it, so it lacks jurors only when none is free.
    const wanted = input.mode === 'all' ? 1 : (input.k ?? 1);
    if (have < wanted) lacking.push({ nominationId: n.id, have, need: wanted });
  }
  if (input.mode === 'k') rebalance(add, eligible, assigned, load, key);
  return { add, conflicts, lacking };
}

/** Moves new assignments from a juror with load ≥ min + 2 to an eligible less-loaded juror until none can move. */
function rebalance(add: Pair[], eligible: Map<number, number[]>, assigned: Set<string>, load: Map<number, number>, key: (j: number, n: number) => string): void {
  for (let guard = 0; guard < 100_000; guard++) {
    let moved = false;
    const jurors = [...load.keys()].sort((a, b) => load.get(b)! - load.get(a)! || a - b);
    outer: for (const busy of jurors) {
      for (const p of add) {
        if (p.jurorId !== busy) continue;
        for (const idle of eligible.get(p.nominationId)!) {
          if (load.get(idle)! + 2 <= load.get(busy)! && !assigned.has(key(idle, p.nominationId))) {
            assigned.delete(key(busy, p.nominationId));
            assigned.add(key(idle, p.nominationId));
            p.jurorId = idle;
            load.set(busy, load.get(busy)! - 1);
            load.set(idle, load.get(idle)! + 1);
            moved = true;
            break outer;
          }
        }
      }
    }
    if (!moved) return;
  }
}
