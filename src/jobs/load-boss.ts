import type * as PgBossModule from 'pg-boss';

/**
 * pg-boss 12 ships as an ES module only, and Laureate is compiled to CommonJS, where TypeScript would turn
 * `import()` into `require()` (which Node 20 refuses for ES modules). A real dynamic import, out of
 * TypeScript's sight, loads it.
 */
const importModule = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<unknown>;

let loaded: Promise<typeof PgBossModule> | undefined;
export function loadPgBoss(): Promise<typeof PgBossModule> {
  loaded ??= importModule('pg-boss') as Promise<typeof PgBossModule>;
  return loaded;
}
