/**
 * Normalises a name of a person or an institution for comparison: case, «ё/е», quotes of every
 * kind and spacing do not make two names different («ГБУЗ "Химкинская  больница"» = «гбуз химкинская больница»).
 */
export function normaliseName(value: string | null | undefined): string {
  return (value ?? '')
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/["'«»„“”‘’`]/g, '')
    .replace(/[\s\u00a0]+/g, ' ')
    .trim();
}

/** «Иванова Мария Петровна» from its parts, skipping blanks. */
export function fullName(parts: { lastName?: string | null; firstName?: string | null; patronymic?: string | null }): string {
  return [parts.lastName, parts.firstName, parts.patronymic].map((p) => (p ?? '').trim()).filter(Boolean).join(' ');
}
