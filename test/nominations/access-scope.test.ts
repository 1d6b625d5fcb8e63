import fs from 'node:fs';
import path from 'node:path';

/**
 * One scoped query per actor: what an officer or a juror may see (and so change) is decided in
 * src/nominations/scope.ts only. These checks make a second, unscoped way in hard to add: the officer's
 * and the juror's modules never look a nomination or a nominee up by id themselves, and no route reads
 * the signed-in person's municipality or hands `req.user` to the domain — it hands a typed actor
 * (officerOf / jurorOf in src/auth/policies.ts).
 */
const SRC = path.join(__dirname, '../../src');
const read = (rel: string) => fs.readFileSync(path.join(SRC, rel), 'utf8');
const all = (dir: string): string[] =>
  fs.readdirSync(path.join(SRC, dir), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? all(`${dir}/${e.name}`) : e.name.endsWith('.ts') ? [`${dir}/${e.name}`] : []));

/** The modules that act for an officer or a juror. */
const ACTOR_MODULES = [
  ...all('nominations').filter((f) => /\/(officer-[^/]*|documents-routes|draft-delete[^/]*|drafts|submission)\.ts$/.test(f)),
  ...all('jury').filter((f) => /\/juror-[^/]*\.ts$/.test(f)),
];

describe("the officer's and the juror's access", () => {
  it('is decided in one module: no officer or juror module looks a nomination or a nominee up by itself', () => {
    expect(ACTOR_MODULES.length).toBeGreaterThan(10);
    const lookup = /\b(find|findOne|findOneBy|findBy|exists|existsBy)\(\s*(Nomination|Nominee)\b/;
    const stray = ACTOR_MODULES.flatMap((f) => read(f).split('\n').map((line, i) => (lookup.test(line) ? `src/${f}:${i + 1}: ${line.trim()}` : null)).filter((x) => x !== null));
    expect(stray).toEqual([]);
  });

  it('is handed a typed actor by every route: no route reads the signed-in municipality or passes req.user on', () => {
    const stray = [...all('nominations'), ...all('jury'), ...all('certificates'), ...all('results'), ...all('public')].flatMap((f) =>
      read(f).split('\n').map((line, i) => (/req\.user!?\.municipalityId|req\.user!?\.institution|\(\s*(m|tx|dataSource\.manager),\s*req\.user!?\s*,/.test(line) ? `src/${f}:${i + 1}: ${line.trim()}` : null)).filter((x) => x !== null),
    );
    expect(stray).toEqual([]);
  });

  it('has one owner: policies.ts points to the scope and keeps no object-level rule of its own', () => {
    const policies = read('auth/policies.ts');
    expect(policies).toContain('src/nominations/scope.ts');
    expect(policies).not.toMatch(/ownsMunicipality/);
  });
});
