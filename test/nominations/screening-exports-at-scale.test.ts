import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import ExcelJS from 'exceljs';
import type { Pool } from 'pg';
import { useTestApp } from '../support/harness';
import { createCycle, municipalityId, userId } from '../support/fixtures';
import { signInOverSocket } from '../support/socket-sign-in';

const NOMINATIONS = 5000;
/** Each nomination carries some 4,000 characters of Cyrillic text, so the whole CSV is about 40 MB. */
const REASON = 'Стаж работы в должности меньше пяти лет; документы о повышении квалификации не приложены. '.repeat(44);
/** Memory growth above which the export is not streaming: the file held whole would take more. */
const LIMIT_MB = 30;

// A full collection on demand, to measure live memory rather than garbage waiting to be collected.
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;
/** This process's live memory: the JavaScript heap and the buffers outside it (a response body held whole would be one). */
const liveMb = () => {
  gc();
  const { heapUsed, external } = process.memoryUsage();
  return (heapUsed + external) / 2 ** 20;
};

interface Fetched {
  status: number;
  bytes: number;
  /** the largest growth of live memory over the start, sampled while the download runs */
  growthMb: number;
  rssGrowthMb: number;
}

/**
 * Downloads `url` into `file` as a browser would, sampling this process's live memory (the app runs here
 * too) as it arrives. The body goes straight to disk, so only the app's memory is measured.
 */
function download(url: string, cookie: string, file: string): Promise<Fetched> {
  const before = liveMb();
  const rssBefore = process.memoryUsage().rss / 2 ** 20;
  let peak = before;
  let rssPeak = rssBefore;
  const sample = () => {
    peak = Math.max(peak, liveMb());
    rssPeak = Math.max(rssPeak, process.memoryUsage().rss / 2 ** 20);
  };
  return new Promise((resolve, reject) => {
    // a connection of its own: a kept-alive one may be closed by the server just as it is reused
    http.get(url, { headers: { cookie }, agent: false }, (res) => {
      // a full collection per sample is slow: one per 4 MB received, or per two seconds of a slower stream
      const out = fs.createWriteStream(file);
      let bytes = 0;
      let nextSample = 4 * 2 ** 20;
      let sampledAt = Date.now();
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        if (bytes >= nextSample || Date.now() - sampledAt > 2000) {
          nextSample = bytes + 4 * 2 ** 20;
          sample();
          sampledAt = Date.now();
        }
      });
      res.pipe(out).on('finish', () => {
        sample();
        resolve({ status: res.statusCode!, bytes, growthMb: peak - before, rssGrowthMb: rssPeak - rssBefore });
      });
      res.on('error', reject);
    }).on('error', reject);
  });
}

/** Starts a download and hangs up as soon as the first bytes arrive, as a person closing the tab would. */
function abandon(url: string, cookie: string): Promise<void> {
  return new Promise((resolve) => {
    const req = http.get(url, { headers: { cookie }, agent: false }, (res) => {
      res.once('data', () => {
        req.destroy();
        resolve();
      });
    });
    req.on('error', () => resolve());
  });
}

describe(`the admin exports a cycle of ${NOMINATIONS} nominations`, () => {
  const t = useTestApp();
  let server: http.Server;
  let base: string;
  let cookie: string;
  let cycleId: number;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'exports-'));

  beforeAll(async () => {
    const krasnogorsk = await municipalityId(t.ds, 'Красногорск');
    const officerId = await userId(t.ds, 'officer@example.org');
    const { cycle, categories } = await createCycle(t.ds, { categories: [{ name: 'Лучший участковый педиатр' }, { name: 'Лучший хирург' }] });
    cycleId = cycle.id;
    await t.ds.query(
      `WITH made AS (
         INSERT INTO nominee (municipality_id, last_name, first_name, patronymic, position, institution, specialty, years_of_practice, phone, email)
         SELECT $1, 'Иванова-' || g, 'Мария', 'Петровна', 'участковый врач-педиатр', 'ГБУЗ МО «Красногорская больница № ' || g || '»', 'педиатрия', g % 40, '+7 900 000-00-00', 'n' || g || '@example.org'
           FROM generate_series(1, $2::int) g
         RETURNING id)
       INSERT INTO nomination (cycle_id, category_id, nominee_id, municipality_id, author_id, status, status_reason, submitted_at)
       SELECT $3, CASE WHEN id % 2 = 0 THEN $4::int ELSE $5::int END, id, $1, $6, 'rejected', $7, now() FROM made`,
      [krasnogorsk, NOMINATIONS, cycleId, categories[0].id, categories[1].id, officerId, REASON],
    );

    server = http.createServer(t.app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    cookie = await signInOverSocket(base, 'admin@example.org');
  }, 300_000);

  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('streams the CSV with flat memory: every row, in order, BOM and CRLF kept', async () => {
    const file = path.join(dir, 'all.csv');
    const got = await download(`${base}/admin/cycles/${cycleId}/nominations.csv`, cookie, file);
    console.log(`CSV of ${NOMINATIONS} nominations: ${(got.bytes / 2 ** 20).toFixed(1)} MB, live memory +${got.growthMb.toFixed(1)} MB, RSS +${got.rssGrowthMb.toFixed(1)} MB`);
    expect(got.status).toBe(200);
    expect(got.bytes).toBeGreaterThan(LIMIT_MB * 2 ** 20);
    expect(got.growthMb).toBeLessThan(LIMIT_MB);

    const text = fs.readFileSync(file, 'utf8');
    expect(text.startsWith('\uFEFF№ заявки;')).toBe(true);
    const lines = text.slice(1).split('\r\n');
    expect(lines).toHaveLength(NOMINATIONS + 2); // the header, the rows, and the empty string after the last CRLF
    const names = lines.slice(1, -1).map((l) => l.split(';')[1]);
    expect(new Set(names).size).toBe(NOMINATIONS);
    // by category (the first one first), then by name, across the 500-row batches
    const firstCategory = lines.slice(1, NOMINATIONS / 2 + 1);
    expect(firstCategory.every((l) => l.includes(';Лучший участковый педиатр;'))).toBe(true);
    const sorted = [...names.slice(0, NOMINATIONS / 2)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    expect(names.slice(0, NOMINATIONS / 2)).toEqual(sorted);
    expect(lines[1]).toContain(`;'+7 900 000-00-00;`);
  }, 300_000);

  it('streams the XLSX with flat memory, and exceljs reads every row back', async () => {
    const file = path.join(dir, 'all.xlsx');
    const got = await download(`${base}/admin/cycles/${cycleId}/nominations.xlsx`, cookie, file);
    console.log(`XLSX of ${NOMINATIONS} nominations: ${(got.bytes / 2 ** 20).toFixed(1)} MB, live memory +${got.growthMb.toFixed(1)} MB, RSS +${got.rssGrowthMb.toFixed(1)} MB`);
    expect(got.status).toBe(200);
    expect(got.growthMb).toBeLessThan(LIMIT_MB);
    expect(execFileSync('unzip', ['-tq', file], { encoding: 'utf8' })).toContain('No errors detected');

    let rows = 0;
    let first: ExcelJS.Row | undefined;
    for await (const sheet of new ExcelJS.stream.xlsx.WorkbookReader(file, { worksheets: 'emit' })) {
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
        if (++rows === 2) first = row;
      }
    }
    expect(rows).toBe(NOMINATIONS + 1);
    expect(first!.getCell(2).text).toMatch(/^Иванова-\d+$/);
    expect(first!.getCell(9).text).toBe(`'+7 900 000-00-00`);
    expect(first!.getCell(14).text).toBe(REASON);
  }, 300_000);

  it('lets go of the database when people leave mid-download: after many abandoned downloads a page still answers', async () => {
    const pool = (t.ds.driver as unknown as { master: Pool }).master;
    const urls = Array.from({ length: 10 }, (_, i) => `${base}/admin/cycles/${cycleId}/nominations.${i % 2 ? 'xlsx' : 'csv'}`);
    await Promise.all(urls.map((url) => abandon(url, cookie))); // more than the pool's 8 connections

    // every connection back in the pool within a moment, none waited for
    for (let i = 0; i < 100 && pool.idleCount < pool.totalCount; i++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(pool.idleCount).toBe(pool.totalCount);
    expect(pool.waitingCount).toBe(0);
    const page = await fetch(`${base}/admin/cycles/${cycleId}`, { headers: { cookie }, signal: AbortSignal.timeout(5000) });
    expect(page.status).toBe(200);
  }, 300_000);
});
