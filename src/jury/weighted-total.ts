/**
 * A juror's weighted total for a nomination: s = Σ w_c · x_c / Σ w_c. The one place it is computed;
 * the stored Scorecard.weightedTotal is set only from here.
 */
export function weightedTotal(criteria: ReadonlyArray<{ id: number | string; weight: number }>, values: ReadonlyMap<number | string, number>): number {
  let num = 0;
  let den = 0;
  for (const c of criteria) {
    const x = values.get(c.id);
    if (x === undefined) throw new Error(`no value for criterion ${c.id}`);
    num += c.weight * x;
    den += c.weight;
  }
  return num / den;
}
