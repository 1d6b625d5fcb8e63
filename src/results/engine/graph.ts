import type { Design } from './design';

/**
 * Connected components of the bipartite juror–nomination graph (an edge per scorecard), by breadth-first
 * search. Jurors without scorecards and nominations nobody scored take no part (they carry no information
 * about anyone's level).
 *
 * Why it matters: the additive offset model s_ij = q_i + b_j can only compare nominations that are linked
 * through chains of shared jurors. Across components, the levels are fixed by a convention (Σ b_j = 0 in each
 * component), i.e. by assuming each component's panel is on average as lenient as the others.
 */
export interface Components {
  /** component of each juror, −1 when the juror has no scorecards */
  juror: Int32Array;
  /** component of each nomination, −1 when nobody scored it */
  nomination: Int32Array;
  count: number;
}

export function components(d: Design): Components {
  const J = d.jurorIds.length;
  const juror = new Int32Array(J).fill(-1);
  const nomination = new Int32Array(d.nominationIds.length).fill(-1);
  const queue = new Int32Array(J); // jurors only: nominations are expanded as soon as they are reached
  let count = 0;
  for (let start = 0; start < J; start++) {
    if (juror[start] !== -1 || d.jurorStart[start + 1] === d.jurorStart[start]) continue;
    juror[start] = count;
    let head = 0;
    let tail = 0;
    queue[tail++] = start;
    while (head < tail) {
      const j = queue[head++];
      for (let c = d.jurorStart[j]; c < d.jurorStart[j + 1]; c++) {
        const i = d.cardNom[c];
        if (nomination[i] !== -1) continue;
        nomination[i] = count;
        for (let k = d.nomStart[i]; k < d.nomStart[i + 1]; k++) {
          const other = d.nomJuror[k];
          if (juror[other] !== -1) continue;
          juror[other] = count;
          queue[tail++] = other;
        }
      }
    }
    count++;
  }
  return { juror, nomination, count };
}

/** Connected when everything scored forms one component (vacuously so when nothing was scored). */
export function isConnected(d: Design): boolean {
  return components(d).count <= 1;
}

/**
 * Jurors linked when they scored a common nomination. A set of drawn jurors splits into the same components
 * as the bipartite graph restricted to their cards (a nomination is in a resample exactly when a drawn juror
 * scored it, and it joins all its drawn jurors), so the bootstrap finds a resample's components by a BFS over
 * at most J² juror pairs instead of over every card.
 */
export class JurorLinks {
  private readonly start: Int32Array;
  private readonly neighbours: Int32Array;
  private readonly queue: Int32Array;

  constructor(d: Design) {
    const J = d.jurorIds.length;
    const lists: Array<Set<number>> = Array.from({ length: J }, () => new Set());
    for (let i = 0; i + 1 < d.nomStart.length; i++) {
      for (let a = d.nomStart[i]; a < d.nomStart[i + 1]; a++) {
        for (let b = a + 1; b < d.nomStart[i + 1]; b++) {
          lists[d.nomJuror[a]].add(d.nomJuror[b]);
          lists[d.nomJuror[b]].add(d.nomJuror[a]);
        }
      }
    }
    this.start = new Int32Array(J + 1);
    for (let j = 0; j < J; j++) this.start[j + 1] = this.start[j] + lists[j].size;
    this.neighbours = new Int32Array(this.start[J]);
    lists.forEach((set, j) => this.neighbours.set([...set].sort((x, y) => x - y), this.start[j]));
    this.queue = new Int32Array(J);
  }

  /** component[j] for jurors with weight > 0 and cards, −1 for the others; returns the number of components */
  components(d: Design, weight: ArrayLike<number>, component: Int32Array): number {
    const J = d.jurorIds.length;
    const { start, neighbours, queue } = this;
    component.fill(-1);
    let count = 0;
    for (let first = 0; first < J; first++) {
      if (component[first] !== -1 || weight[first] === 0 || d.jurorStart[first + 1] === d.jurorStart[first]) continue;
      component[first] = count;
      let head = 0;
      let tail = 0;
      queue[tail++] = first;
      while (head < tail) {
        const j = queue[head++];
        for (let k = start[j]; k < start[j + 1]; k++) {
          const other = neighbours[k];
          if (component[other] === -1 && weight[other] !== 0) {
            component[other] = count;
            queue[tail++] = other;
          }
        }
      }
      count++;
    }
    return count;
  }
}
