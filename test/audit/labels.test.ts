import { hasKey } from '../../src/web/i18n';
import { STATE_KEYS } from '../../src/audit/audit-view';
import { NOMINATION_STATUSES } from '../../src/nominations/nomination.entity';
import { CYCLE_STATUSES } from '../../src/cycles/cycle.entity';
import { ROLES } from '../../src/auth/user.entity';
import { balanced, properties, sourceFiles } from '../support/source-reading';

const NAMESPACES = ['nomination', 'user', 'invitation', 'password', 'cycle', 'category', 'criterion', 'panel', 'assignment', 'assignments', 'conflict', 'juror', 'scorecard', 'results', 'certificate', 'certificates'];

/** The whole set of states a variable `from`/`to` of an entity can hold. */
const ALL_STATES: Record<string, readonly string[]> = { nomination: NOMINATION_STATUSES, cycle: CYCLE_STATUSES, user: ROLES, scorecard: ['draft', 'submitted'] };

/**
 * Every state recorded as `from` or `to`, by entity, found by reading each recordAudit({ … }) call of the
 * source: the quoted states (also both sides of `a ? 'x' : 'y'`), and for a variable the entity's whole set.
 */
function recordedStates(): { states: Array<{ entity: string; state: string; at: string }>; unknown: string[] } {
  const states: Array<{ entity: string; state: string; at: string }> = [];
  const unknown: string[] = [];
  for (const { file, text } of sourceFiles()) {
    for (const call of text.matchAll(/recordAudit\(\s*\w+\s*,\s*\{/g)) {
      const props = properties(balanced(text, call.index + call[0].length - 1));
      const at = `${file}:${text.slice(0, call.index).split('\n').length}`;
      const entity = /^'(\w+)'$/.exec(props.get('entity') ?? '')?.[1];
      for (const side of ['from', 'to']) {
        const value = props.get(side);
        if (value === undefined || value === 'null') continue;
        const quoted = [...value.matchAll(/'([^']*)'/g)].map((m) => m[1]);
        if (!entity || (!quoted.length && !ALL_STATES[entity])) unknown.push(`${at}: ${side}: ${value}`);
        else for (const state of quoted.length ? quoted : ALL_STATES[entity]) states.push({ entity, state, at });
      }
    }
  }
  return { states, unknown };
}

/** Every action code the source writes to the audit log, found by reading the source. */
function actionCodes(): string[] {
  const codes = new Set<string>(['nomination.accept', 'nomination.reject', 'nomination.return']); // `nomination.${decision}`
  for (const { text } of sourceFiles()) {
    // (a domain event's name, heard by a subscriber, is not an action either)
    for (const line of text.split('\n').filter((l) => /action|audit\(/.test(l) && !/subscribe(InTransaction|AfterCommit)\(/.test(l))) {
      for (const m of line.matchAll(/'([a-z]+)\.([a-zA-Z]+)'/g)) if (NAMESPACES.includes(m[1]) && !hasKey('ru', `${m[1]}.${m[2]}`)) codes.add(`${m[1]}.${m[2]}`); // a message key is not an action
    }
  }
  return [...codes].sort();
}

describe('the audit log', () => {
  it('has a label in Russian and English for every action the code records', () => {
    const codes = actionCodes();
    expect(codes.length).toBeGreaterThan(30);
    const missing = codes.flatMap((code) => (['ru', 'en'] as const).filter((l) => !hasKey(l, `audit.actions.${code}`)).map((l) => `${l}: ${code}`));
    expect(missing).toEqual([]);
  });

  it('has a label in Russian and English for every state the code records as from or to, for every kind of thing', () => {
    const { states, unknown } = recordedStates();
    // a state the test cannot read (a variable of an entity it has no list for) would go unchecked: name its list above
    expect(unknown).toEqual([]);
    expect(new Set(states.map((s) => s.entity))).toEqual(new Set(['nomination', 'user', 'cycle', 'scorecard', 'certificate']));
    expect(states.filter((s) => s.entity === 'certificate').map((s) => s.state)).toEqual(expect.arrayContaining(['valid', 'revoked', 'replaced']));
    const missing = new Set<string>();
    for (const { entity, state, at } of states) {
      const prefix = STATE_KEYS[entity];
      for (const l of ['ru', 'en'] as const) if (!prefix || !hasKey(l, `${prefix}.${state}`)) missing.add(`${l}: ${entity} ${state} (${at})`);
    }
    expect([...missing]).toEqual([]);
  });
});
