/**
 * Krippendorff's α with the interval metric δ(a, b) = (a − b)²: α = 1 − D_o / D_e, where
 *   D_o = (1/n) Σ_u 1/(m_u − 1) Σ_{i≠k in u} (v_i − v_k)²   (observed disagreement within units)
 *   D_e = 1/(n(n − 1)) Σ_{i≠k over all} (v_i − v_k)²        (expected disagreement, all pairable values)
 * Only pairable values count: units with at least 2 values; n is their number of values.
 * Σ_{i≠k} (v_i − v_k)² over a set of m values = 2m Σ (v − v̄)², so with SS_u around each unit's mean and SS
 * around the overall mean: α = 1 − (n − 1) Σ_u [m_u / (m_u − 1) · SS_u] / (n · SS). Deviations from means
 * rather than Σv² − (Σv)²/n avoid cancellation when values sit far from 0 (totals near 8 on a 1–10 scale).
 * Null when there are no pairable values or no expected disagreement (all values equal, up to 1e-9).
 */
export function intervalAlpha(units: ArrayLike<ArrayLike<number>>): number | null {
  let n = 0;
  let total = 0;
  for (let u = 0; u < units.length; u++) {
    const values = units[u];
    if (values.length < 2) continue;
    n += values.length;
    for (let k = 0; k < values.length; k++) total += values[k];
  }
  if (n === 0) return null;
  const grand = total / n;
  let ss = 0;
  let within = 0;
  for (let u = 0; u < units.length; u++) {
    const values = units[u];
    const m = values.length;
    if (m < 2) continue;
    let sum = 0;
    for (let k = 0; k < m; k++) sum += values[k];
    const mean = sum / m;
    let ssUnit = 0;
    for (let k = 0; k < m; k++) {
      ssUnit += (values[k] - mean) ** 2;
      ss += (values[k] - grand) ** 2;
    }
    within += (m / (m - 1)) * ssUnit;
  }
  if (ss / n <= 1e-18) return null; // the values' spread is below 1e-9: no expected disagreement
  return 1 - ((n - 1) * within) / (n * ss);
}

/** α on per-card values with units = nominations (coders = jurors, one value per juror and nomination). */
export function alphaOverNominations(nomStart: Int32Array, nomCards: Int32Array, values: Float64Array): number | null {
  const units: Float64Array[] = [];
  for (let i = 0; i + 1 < nomStart.length; i++) {
    const unit = new Float64Array(nomStart[i + 1] - nomStart[i]);
    for (let k = 0; k < unit.length; k++) unit[k] = values[nomCards[nomStart[i] + k]];
    units.push(unit);
  }
  return intervalAlpha(units);
}
