import { execFile, fork } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { startApp } from '../processes';
import { measure, type Measurement } from '../report';
import { signIn } from './sign-in';
import { withDatabase } from './databases';

/**
 * The documents workload of issue [2/5], on PostgreSQL: the demo region seeded into a fresh database, then
 *  (a) a deadline rush — 60 officers' forms sent at once, each carrying a 10 MB scanned PDF — while /healthz is
 *      polled every 100 ms and the app's RSS sampled;
 *  (b) 30 downloads of those 10 MB documents at once while a juror loads /jury every 200 ms.
 * Targets: 0 errors; RSS growth < 200 MB and /healthz never waiting > 1 s in the rush; the juror's p99 < 1 s.
 */

const UPLOADS = 60;
const DOWNLOADS = 30;
const FILE_BYTES = 10 * 1000 * 1000;
const DATABASE = 'laureate_bench_documents';
const PORT = 3393;

/** A scanned letter as a scanner writes it: a catalog, a page, and one large JPEG image (random bytes). */
function scannedPdf(bytes: number): Buffer {
  const head = Buffer.from(
    '%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n' +
      '3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 4 0 R >> >> >>\nendobj\n',
  );
  const tail = Buffer.from('\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
  const imageHead = (n: number) => Buffer.from(`4 0 obj\n<< /Type /XObject /Subtype /Image /Width 2480 /Height 3508 /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode /Length ${n} >>\nstream\n`);
  const n = bytes - head.length - tail.length - imageHead(0).length - 7;
  const image = crypto.randomBytes(n);
  image[0] = 0xff;
  image[1] = 0xd8;
  return Buffer.concat([head, imageHead(n), image, tail]);
}

const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;
const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)] ?? 0;

/** Polls `url` every `everyMs` from a child process (one request at a time) until stopped; gives each request's time. */
async function poll(url: string, everyMs: number, cookie = '') {
  const child = fork(path.join(__dirname, 'documents-rush-poller.js'), [url, String(everyMs), cookie]);
  const messages: unknown[] = [];
  let arrived: (() => void) | null = null;
  child.on('exit', () => arrived?.());
  child.on('message', (m) => {
    messages.push(m);
    arrived?.();
  });
  const next = async () => {
    while (!messages.length) {
      if (child.exitCode !== null) throw new Error('the poller exited');
      await new Promise<void>((resolve) => (arrived = resolve));
    }
    return messages.shift();
  };
  await next(); // 'ready'
  const report = next() as Promise<{ times: number[]; failures: number }>;
  return {
    async stop() {
      child.send('stop');
      const { times, failures } = await report;
      return { times, failures, max: Math.max(0, ...times), p99: percentile(times, 99) };
    },
  };
}

/** One officer's form with one document, as the browser sends it (multipart, fields first, the file last). */
async function sendForm(appUrl: string, cookie: string, csrf: string, cycleId: number, categoryId: number, i: number, file: Blob): Promise<number> {
  const form = new FormData();
  const fields: Record<string, string> = {
    _csrf: csrf, action: 'save', categoryId: String(categoryId),
    'nominee.lastName': `Срочная-${i}`, 'nominee.firstName': 'Мария', 'nominee.patronymic': 'Петровна',
    'nominee.position': 'участковый врач-педиатр', 'nominee.institution': `Детская поликлиника № ${i}`, 'nominee.specialty': 'педиатрия',
    'nominee.yearsOfPractice': '12', 'nominee.phone': '+7 900 000-00-00', 'nominee.email': `rush${i}@example.org`,
    achievements: 'Двадцать лет ведёт участок, снизила младенческую смертность, наставник молодых врачей.',
    motivation: 'Её знают и любят семьи всего района; она первой внедрила патронаж недоношенных детей.',
    kind0: 'recommendation', kind1: 'cv', kind2: 'diploma',
  };
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append('files0', file, `Ходатайство ${i}.pdf`);
  const res = await fetch(`${appUrl}/officer/cycles/${cycleId}/nominations`, { method: 'POST', body: form, headers: { cookie }, redirect: 'manual' });
  await res.arrayBuffer();
  return res.status;
}

/** Downloads a document, counting its bytes without keeping them. */
async function download(url: string, cookie: string): Promise<{ status: number; bytes: number }> {
  const res = await fetch(url, { headers: { cookie } });
  let bytes = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.length;
  return { status: res.status, bytes };
}

export async function documentsRushWorkload(postgresUrl: string): Promise<Measurement[]> {
  return withDatabase(postgresUrl, DATABASE, async (url) => {
    const app = await startApp({ DATABASE_URL: url }, PORT);
    try {
      // the demo region, as `npm run seed:demo` makes it: officer@example.org, juror@example.org, the open cycle
      await promisify(execFile)(process.execPath, [path.join(__dirname, '..', '..', 'src', 'demo', 'cli.js')], { env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'warn' } });
      const db = new Client({ connectionString: url });
      await db.connect();
      const { cycleId, categoryId } = (
        await db.query(`SELECT c.id AS "cycleId", k.id AS "categoryId" FROM cycle c JOIN category k ON k.cycle_id = c.id WHERE c.slug = 'best-pediatrician-2026' ORDER BY k.sort_order, k.id LIMIT 1`)
      ).rows[0];
      const officer = await signIn(app.url, 'officer@example.org');
      const juror = await signIn(app.url, 'juror@example.org');
      const csrf = /name="_csrf" value="([^"]+)"/.exec(await (await fetch(`${app.url}/officer/cycles/${cycleId}/nominations/new`, { headers: { cookie: officer } })).text())![1];
      const pdf = scannedPdf(FILE_BYTES);
      const file = new Blob([pdf], { type: 'application/pdf' });
      // one form first, so the measured rush starts on a warm app
      const warm = await sendForm(app.url, officer, csrf, cycleId, categoryId, 0, file);
      if (warm !== 303) throw new Error(`the warm-up upload answered ${warm}`);

      // (a) the deadline rush
      const pid = app.child.pid!;
      const rssBefore = rssMb(pid);
      let rssPeak = rssBefore;
      const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, rssMb(pid))), 50);
      const health = await poll(`${app.url}/healthz`, 100);
      const started = performance.now();
      const statuses = await Promise.all(Array.from({ length: UPLOADS }, (_, i) => sendForm(app.url, officer, csrf, cycleId, categoryId, i + 1, file).catch(() => 0)));
      const rushMs = performance.now() - started;
      const healthz = await health.stop();
      clearInterval(sampler);
      const uploadErrors = statuses.filter((s) => s !== 303).length;
      const stored = (await db.query(`SELECT count(*)::int AS docs FROM attachment WHERE file_name LIKE 'Ходатайство %' AND size = $1`, [pdf.length])).rows[0];
      const storedOk = stored.docs === UPLOADS + 1;

      // (b) downloads while a juror works
      const docs = (
        await db.query(`SELECT a.id, a.nomination_id AS "nominationId" FROM attachment a WHERE a.size = $1 ORDER BY a.id LIMIT $2`, [pdf.length, DOWNLOADS])
      ).rows as Array<{ id: number; nominationId: number }>;
      await db.end();
      const jury = await poll(`${app.url}/jury`, 200, juror);
      await new Promise((resolve) => setTimeout(resolve, 400));
      const downloadStarted = performance.now();
      const got = await Promise.all(docs.map((d) => download(`${app.url}/officer/nominations/${d.nominationId}/documents/${d.id}`, officer).catch(() => ({ status: 0, bytes: 0 }))));
      const downloadMs = performance.now() - downloadStarted;
      const jurorTimes = await jury.stop();
      const downloadErrors = got.filter((g) => g.status !== 200 || g.bytes !== pdf.length).length + (docs.length === DOWNLOADS ? 0 : DOWNLOADS - docs.length);

      const rush = `deadline rush: ${UPLOADS} × 10 MB uploads at once`;
      const downloads = `${DOWNLOADS} × 10 MB downloads at once, juror on /jury every 200 ms`;
      return [
        measure(rush, 'errors', uploadErrors + (storedOk ? 0 : 1), 'responses', '0', uploadErrors === 0 && storedOk),
        measure(rush, 'time for all', rushMs, 'ms', 'reference', true),
        measure(rush, 'RSS growth of the app', rssPeak - rssBefore, 'MB', '< 200 MB', rssPeak - rssBefore < 200),
        measure(rush, '/healthz longest wait', healthz.max, 'ms', '< 1000 ms', healthz.max < 1000 && healthz.failures === 0),
        measure(downloads, 'errors', downloadErrors, 'responses', '0', downloadErrors === 0),
        measure(downloads, 'time for all', downloadMs, 'ms', 'reference', true),
        measure(downloads, 'juror /jury p99', jurorTimes.p99, 'ms', '< 1000 ms', jurorTimes.p99 < 1000 && jurorTimes.failures === 0),
      ];
    } finally {
      await app.stop();
    }
  });
}
