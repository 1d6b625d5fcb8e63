import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import request from 'supertest';
import { signIn, useTestApp, type Agent, versionOf } from '../support/harness';
import { createResultsScene, LENIENCY_CARDS } from './scene';
import { computeResults, type ResultInput } from '../../src/results/engine';

/** The results command-line program, transpiled on its own (engine + cli.ts import nothing else) into a folder. */
function buildCli(dir: string): string {
  const src = path.join(__dirname, '../../src/results');
  const files = [path.join(src, 'cli.ts'), ...fs.readdirSync(path.join(src, 'engine'), { recursive: true }).map(String).filter((f) => f.endsWith('.ts')).map((f) => path.join(src, 'engine', f))];
  for (const file of files) {
    const out = path.join(dir, path.relative(src, file)).replace(/\.ts$/, '.js');
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, ts.transpileModule(fs.readFileSync(file, 'utf8'), { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true } }).outputText);
  }
  return path.join(dir, 'cli.js');
}

const ranking = (output: { ranking: Array<{ nomination: string; rank: number }> }) => output.ranking.map((r) => [r.nomination, r.rank]);

describe('the anonymised scores: export → engine → the published ranking', () => {
  const t = useTestApp();
  let admin: Agent;
  let csrf: string;
  let dir: string;
  let scene: Awaited<ReturnType<typeof createResultsScene>>;
  const move = async (action: string) => {
    const confirm = await admin.get(`/admin/cycles/${scene.cycle.id}/results/${action}`);
    const res = await admin.post(`/admin/cycles/${scene.cycle.id}/results/${action}`).type('form').send({ _csrf: csrf, version: versionOf(confirm.text) });
    expect(res.status).toBe(303);
  };

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'laureate-scores-'));
    ({ agent: admin, csrf } = await signIn(t.app, 'admin@example.org'));
    scene = await createResultsScene(t.ds, {
      municipalities: ['Красногорск', 'Щёлково', 'Балашиха', 'Мытищи'],
      maxWinners: 2,
      cards: [...LENIENCY_CARDS, [2, 0, [6, 6, 6]], [2, 3, [7, 7, 7]]],
      recused: [[2, 1]],
    });
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('gives the admin a category as engine input, with jurors only as J1, J2, …', async () => {
    const res = await admin.get(`/admin/categories/${scene.category.id}/scores.json`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment;/);
    const input = JSON.parse(res.text) as ResultInput;
    expect(new Set(input.scorecards.map((c) => c.juror))).toEqual(new Set(['J1', 'J2', 'J3']));
    expect(input.recusals).toEqual([{ juror: 'J3', nomination: String(scene.ids[1]) }]);
    const people = await t.ds.query(`SELECT full_name, email FROM app_user WHERE id = ANY($1)`, [scene.jurors]);
    for (const p of people) {
      expect(res.text).not.toContain(p.full_name);
      expect(res.text).not.toContain(p.email);
    }
    for (const id of scene.jurors) expect(res.text).not.toMatch(new RegExp(`"juror": "${id}"`));
  });

  it('recomputes, from the published export, exactly the ranking and the winners that were published — in code and with npm run results', async () => {
    await t.ds.query(`UPDATE cycle SET public_scores = true WHERE id = $1`, [scene.cycle.id]);
    expect((await request(t.app).get(`/cycles/${scene.cycle.slug}/scores.json`)).status).toBe(404);
    await move('approve');
    expect((await request(t.app).get(`/cycles/${scene.cycle.slug}/scores.json`)).status).toBe(404);
    await move('publish');

    const exported = await request(t.app).get(`/cycles/${scene.cycle.slug}/scores.json`);
    expect(exported.status).toBe(200);
    expect(exported.headers['cache-control']).toBe('public, max-age=60');
    const body = JSON.parse(exported.text);
    expect(body.cycle).toEqual({ slug: scene.cycle.slug, name: scene.cycle.name, year: 2026, method: 'zscore' });
    expect(body.categories).toHaveLength(1);
    const { category, input } = body.categories[0];
    const [snapshot] = await t.ds.query(`SELECT input_hash, output, winners FROM result_snapshot WHERE category_id = $1 AND superseded_at IS NULL`, [scene.category.id]);
    expect(category).toEqual({ id: scene.category.id, name: scene.category.name, inputHash: snapshot.input_hash });

    const published = (await request(t.app).get(`/cycles/${scene.cycle.slug}/winners.json`)).body;
    const publishedWinners = published.categories[0].winners.map((w: { nomination: number; place: number }) => [String(w.nomination), w.place]);

    const recomputed = computeResults(input);
    expect(ranking(recomputed)).toEqual(ranking(snapshot.output));
    expect(recomputed.winners.map((id, i) => [id, i + 1])).toEqual(publishedWinners);
    expect(recomputed).toEqual(snapshot.output);

    const file = path.join(dir, 'category.json');
    fs.writeFileSync(file, JSON.stringify(input));
    const child = spawnSync(process.execPath, [buildCli(dir), file], { encoding: 'utf8' });
    expect(child.stderr).toBe('');
    expect(child.status).toBe(0);
    const printed = JSON.parse(child.stdout);
    expect(ranking(printed)).toEqual(ranking(snapshot.output));
    expect(printed.winners.map((id: string, i: number) => [id, i + 1])).toEqual(publishedWinners);
  });

  it('recomputes the published ranking from the downloaded cycle file as it is, with npm run results', async () => {
    const exported = await request(t.app).get(`/cycles/${scene.cycle.slug}/scores.json`);
    expect(exported.status).toBe(200);
    const file = path.join(dir, 'cycle.json');
    fs.writeFileSync(file, exported.text);
    const child = spawnSync(process.execPath, [buildCli(dir), file], { encoding: 'utf8' });
    expect(child.stderr).toBe('');
    expect(child.status).toBe(0);
    const printed = JSON.parse(child.stdout);
    expect(printed.cycle).toEqual(JSON.parse(exported.text).cycle);
    const published = (await request(t.app).get(`/cycles/${scene.cycle.slug}/winners.json`)).body;
    const [snapshot] = await t.ds.query(`SELECT output FROM result_snapshot WHERE category_id = $1 AND superseded_at IS NULL`, [scene.category.id]);
    expect(printed.categories).toHaveLength(1);
    expect(printed.categories[0].category.id).toBe(scene.category.id);
    expect(printed.categories[0].result).toEqual(snapshot.output);
    expect(printed.categories[0].result.winners.map((id: string, i: number) => [Number(id), i + 1])).toEqual(
      published.categories[0].winners.map((w: { nomination: number; place: number }) => [w.nomination, w.place]),
    );
  });

  it('does not publish the scores of a cycle that does not allow it', async () => {
    await t.ds.query(`UPDATE cycle SET public_scores = false WHERE id = $1`, [scene.cycle.id]);
    expect((await request(t.app).get(`/cycles/${scene.cycle.slug}/scores.json`)).status).toBe(404);
    // the admin's export of the whole cycle is the frozen input too
    const res = await admin.get(`/admin/cycles/${scene.cycle.id}/scores.json`);
    expect(res.status).toBe(200);
    const [snapshot] = await t.ds.query(`SELECT input FROM result_snapshot WHERE category_id = $1 AND superseded_at IS NULL`, [scene.category.id]);
    expect(JSON.parse(res.text).categories[0].input).toEqual(snapshot.input);
  });

  it('lets the admin switch the public scores from the results page', async () => {
    const on = await admin.post(`/admin/cycles/${scene.cycle.id}/results/public-scores`).type('form').send({ _csrf: csrf, publicScores: 'on' });
    expect(on.status).toBe(303);
    expect((await request(t.app).get(`/cycles/${scene.cycle.slug}/scores.json`)).status).toBe(200);
    const winners = await request(t.app).get(`/cycles/${scene.cycle.slug}/winners`);
    expect(winners.text).toContain(`/cycles/${scene.cycle.slug}/scores.json`);
    const off = await admin.post(`/admin/cycles/${scene.cycle.id}/results/public-scores`).type('form').send({ _csrf: csrf });
    expect(off.status).toBe(303);
    expect((await request(t.app).get(`/cycles/${scene.cycle.slug}/scores.json`)).status).toBe(404);
    const actions = await t.ds.query(`SELECT data FROM audit_event WHERE action = 'results.publicScores' AND cycle_id = $1 ORDER BY id`, [scene.cycle.id]);
    expect(actions.map((a: { data: { allowed: boolean } }) => a.data.allowed)).toEqual([true, false]);
  });
});
