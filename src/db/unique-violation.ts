/**
 * True when a query failed on a unique index (PostgreSQL 23505). Domain functions check uniqueness
 * first; this catches the rare race where two requests pass that check at the same moment.
 */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; driverError?: { code?: string } } | undefined;
  return e?.code === '23505' || e?.driverError?.code === '23505';
}

/** The name of the unique index a query failed on (PostgreSQL reports it with the error). */
export function violatedConstraint(err: unknown): string | undefined {
  const e = err as { constraint?: string; driverError?: { constraint?: string } } | undefined;
  return e?.constraint ?? e?.driverError?.constraint;
}
