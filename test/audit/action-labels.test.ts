import { hasKey } from '../../src/web/i18n';
import { NOMINATION_MOVES } from '../../src/nominations/statuses';
import { REGISTRATION_MOVES } from '../../src/events/registration-statuses';
import { PARTICIPANT_MOVES } from '../../src/programmes/participant-statuses';
import { balanced, parts, properties, sourceFiles } from '../support/source-reading';

/**
 * Every action and every kind of thing the code writes to the audit log must read as words on /admin/audit
 * (audit-view.ts shows the raw code when a label is missing). The actions are found by reading the source:
 * the recordAudit({ … }) calls, the wrappers that pass an action on to it, and the lifecycle tables whose
 * moves name their action. Whatever the reading cannot resolve is reported, so a new way of writing an
 * action fails here until the test learns it.
 */

/** The lifecycle tables, by the name the source uses for them: each move's `audit` is an action. */
const MOVE_TABLES: Record<string, Record<string, { audit: string }>> = { NOMINATION_MOVES, REGISTRATION_MOVES, PARTICIPANT_MOVES };

const LOCALES = ['ru', 'en'] as const;

const lineOf = (text: string, index: number) => text.slice(0, index).split('\n').length;

/** The action codes quoted in an expression (`'a.b'`, both sides of `x ? 'a.b' : 'a.c'`); other strings are not actions. */
const quotedCodes = (expr: string) => [...expr.matchAll(/'([a-zA-Z_]+\.[a-zA-Z_]+)'/g)].map((m) => m[1]);

/** The actions of a lifecycle table the expression reads: `X_MOVES[move].audit`, or `spec.audit` after `const spec = X_MOVES[move]`. */
function tableCodes(expr: string, text: string): string[] | null {
  let table = /^(\w+_MOVES)\[[^\]]+\]\.audit$/.exec(expr)?.[1];
  const local = /^(\w+)\.audit$/.exec(expr)?.[1];
  if (!table && local) table = new RegExp(`\\b(?:const|let)\\s+${local}\\s*=\\s*(\\w+_MOVES)\\[`).exec(text)?.[1];
  if (!table || !MOVE_TABLES[table]) return null;
  return Object.values(MOVE_TABLES[table]).map((move) => move.audit);
}

/**
 * A wrapper's parameter: `const audit = (m, actorId, categoryId, action: string, data) => recordAudit(m, { …, action, … })`.
 * The values are read from the wrapper's calls in the same file; each must be a quoted code.
 */
function wrapperCodes(param: string, text: string, callAt: number, at: string): { codes: string[]; unknown: string[] } | null {
  const heads = [...text.slice(0, callAt).matchAll(/(?:\bconst\s+(\w+)\s*=\s*(?:async\s*)?\(|\bfunction\s+(\w+)\s*\()/g)];
  const head = heads[heads.length - 1];
  if (!head) return null;
  const name = head[1] ?? head[2];
  const params = parts(balanced(text, head.index + head[0].length - 1)).map((p) => /^(\w+)/.exec(p)?.[1]);
  const position = params.indexOf(param);
  if (position < 0) return null;
  const codes: string[] = [];
  const unknown: string[] = [];
  for (const call of text.matchAll(new RegExp(`(?<![\\w.])${name}\\(`, 'g'))) {
    if (text.slice(Math.max(0, call.index - 20), call.index).match(/\b(?:function|const)\s+$/)) continue;
    const args = parts(balanced(text, call.index + call[0].length - 1));
    const found = quotedCodes(args[position] ?? '');
    if (found.length) codes.push(...found);
    else unknown.push(`${at}: ${name}(…) passes ${args[position]} as the action`);
  }
  if (!codes.length && !unknown.length) unknown.push(`${at}: ${name}(…) is never called with an action`);
  return { codes, unknown };
}

interface Recorded {
  actions: Map<string, string>;
  entities: Map<string, string>;
  unknown: string[];
}

/** Every action and entity the source records, with where (file:line), and what could not be read. */
function recorded(): Recorded {
  const actions = new Map<string, string>();
  const entities = new Map<string, string>();
  const unknown: string[] = [];
  const add = (map: Map<string, string>, code: string, at: string) => map.has(code) || map.set(code, at);
  for (const [name, table] of Object.entries(MOVE_TABLES)) for (const move of Object.values(table)) add(actions, move.audit, name);
  for (const { file, text } of sourceFiles()) {
    for (const call of text.matchAll(/\brecordAudit\(\s*\w+\s*,\s*\{/g)) {
      const open = call.index + call[0].length - 1;
      const props = properties(balanced(text, open));
      const at = `src/${file}:${lineOf(text, call.index)}`;
      const entity = props.get('entity') ?? '';
      const entityName = /^'(\w+)'$/.exec(entity)?.[1];
      if (entityName) add(entities, entityName, at);
      else unknown.push(`${at}: entity ${entity || '(none)'}`);
      const action = props.get('action') ?? '';
      const quoted = quotedCodes(action);
      if (quoted.length) {
        for (const code of quoted) add(actions, code, at);
        continue;
      }
      const fromTable = tableCodes(action, text);
      if (fromTable) {
        for (const code of fromTable) add(actions, code, at);
        continue;
      }
      const wrapped = /^\w+$/.test(action) ? wrapperCodes(action, text, call.index, at) : null;
      if (wrapped) {
        for (const code of wrapped.codes) add(actions, code, at);
        unknown.push(...wrapped.unknown);
        continue;
      }
      unknown.push(`${at}: action ${action || '(none)'}`);
    }
  }
  return { actions, entities, unknown };
}

/** The codes without a label under `prefix` in Russian or English, as `locale: code (where)`. */
const missingLabels = (prefix: string, codes: Map<string, string>) =>
  [...codes].flatMap(([code, at]) => LOCALES.filter((l) => !hasKey(l, `${prefix}.${code}`)).map((l) => `${l}: ${code} (${at})`));

describe('the audit log’s words', () => {
  const found = recorded();

  it('reads every action the code records from the source, leaving none it cannot resolve', () => {
    expect(found.unknown).toEqual([]);
    // the reading reaches each way of naming an action: a literal, a ternary, a wrapper, a lifecycle table
    expect([...found.actions.keys()]).toEqual(
      expect.arrayContaining(['cycle.phase', 'user.deactivated', 'criterion.created', 'reserve.placed', 'nomination.accept', 'registration.confirmed', 'participant.movedUp', 'allocation.approved']),
    );
    expect(found.actions.size).toBeGreaterThan(80);
    expect([...found.entities.keys()]).toEqual(expect.arrayContaining(['nomination', 'registration', 'participant', 'programme_allocation']));
  });

  it('names every action the code records, in Russian and English', () => {
    expect(missingLabels('audit.actions', found.actions)).toEqual([]);
  });

  it('names every kind of thing the code records actions on, in Russian and English', () => {
    expect(missingLabels('audit.entities', found.entities)).toEqual([]);
  });

  it('reports an action that has no label, so a new one cannot slip through unnamed', () => {
    const invented = new Map([['nomination.neverRecorded', 'here'], ['nomination.submitted', 'here']]);
    expect(missingLabels('audit.actions', invented)).toEqual(['ru: nomination.neverRecorded (here)', 'en: nomination.neverRecorded (here)']);
  });
});
