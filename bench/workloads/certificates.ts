import { fork } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { embeddedPgDataDir } from '../../src/db/embedded-paths';
import { measure, type Measurement } from '../report';
import { signIn } from './sign-in';

/** Rendering diplomas: the app against bare PDFKit drawing the same pages, in a fresh process. */
export async function certificateRendering(perRound: number): Promise<Measurement[]> {
  const r = await new Promise<{ appPerSec: number; barePerSec: number; maxKb: number; meanKb: number }>((resolve, reject) => {
    const child = fork(path.join(__dirname, 'certificates-child.js'), [String(perRound)]);
    child.once('message', resolve);
    child.once('error', reject);
  });
  return [
    measure('certificate PDF', 'rendered per second', r.appPerSec, 'PDF/s', '≥ 80 % of bare PDFKit', r.appPerSec >= 0.8 * r.barePerSec, r.barePerSec),
    measure('certificate PDF', 'largest file', r.maxKb, 'KB', '< 60 KB', r.maxKb < 60),
  ];
}

const PUBLISHED_SLUG = 'pediatrics-as-art-2025';

/**
 * Adds `count` nominee certificates to the demo's published cycle, straight into the embedded
 * database while no app runs on it: copies of its first diploma with other names, numbers and codes.
 * Returns the cycle's id.
 */
export async function addCertificates(dataDir: string, count: number): Promise<number> {
  const db = await PGlite.create(embeddedPgDataDir(dataDir));
  try {
    const { rows } = await db.query<{ id: number }>(`SELECT id FROM cycle WHERE slug = $1`, [PUBLISHED_SLUG]);
    const cycleId = rows[0].id;
    await db.query(
      `WITH base AS (SELECT * FROM certificate WHERE cycle_id = $1 ORDER BY seq LIMIT 1),
            top AS (SELECT max(seq) AS seq FROM certificate WHERE cycle_id = $1),
            names AS (SELECT g, (ARRAY['Иванова','Константинопольская-Задунайская','Белоусова','Щербакова','Ёлкина'])[1 + g % 5] || ' ' ||
                                (ARRAY['Мария','Александра-Виктория','Надежда','Анна'])[1 + g % 4] || ' ' ||
                                (ARRAY['Петровна','Вячеславовна','Игоревна'])[1 + g % 3] AS name
                       FROM generate_series(1, $2::int) g)
       INSERT INTO certificate (cycle_id, kind, seq, number, code, template_id, holder_name, nomination_id, juror_id, category_id, place, printed, issued_at, issued_by_id)
       SELECT b.cycle_id, b.kind, t.seq + n.g, split_part(b.number, '-', 1) || '-' || split_part(b.number, '-', 2) || '-' || lpad((t.seq + n.g)::text, 4, '0'),
              md5(random()::text) || md5(n.g::text), b.template_id, n.name, b.nomination_id, b.juror_id, b.category_id, b.place,
              b.printed || jsonb_build_object('nominee.fullName', n.name, 'holder.fullName', n.name), b.issued_at, b.issued_by_id
         FROM base b, top t, names n`,
      [cycleId, count],
    );
    await db.query(`UPDATE certificate_counter SET last_seq = (SELECT max(seq) FROM certificate WHERE cycle_id = $1) WHERE cycle_id = $1`, [cycleId]);
    return cycleId;
  } finally {
    await db.close();
  }
}

/**
 * The admin downloads every certificate of the cycle as one ZIP while the app's RSS is sampled:
 * streaming must keep the growth under 150 MB for thousands of certificates.
 */
export async function certificatesZip(appUrl: string, appPid: number, cycleId: number, expected: number): Promise<Measurement[]> {
  const cookie = await signIn(appUrl, 'admin@example.org');
  // a small download first, so fonts, templates and compiled code are loaded before the measured one
  await (await fetch(`${appUrl}/admin/cycles/${cycleId}/certificates.zip?kind=juror`, { headers: { cookie } })).arrayBuffer();
  const before = rssMb(appPid);
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb(appPid))), 20);
  const started = Date.now();
  const res = await fetch(`${appUrl}/admin/cycles/${cycleId}/certificates.zip`, { headers: { cookie } });
  let tail = Buffer.alloc(0);
  let bytes = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    bytes += chunk.length;
    tail = Buffer.concat([tail, Buffer.from(chunk)]).subarray(-22);
  }
  clearInterval(sampler);
  const seconds = (Date.now() - started) / 1000;
  // the end-of-central-directory record names the number of files in the archive
  const entries = res.status === 200 && tail.readUInt32LE(0) === 0x06054b50 ? tail.readUInt16LE(10) : 0;
  const label = `ZIP of ${expected} certificates, streamed`;
  return [
    measure(label, 'files in the archive', entries, 'PDFs', `≥ ${expected}`, entries >= expected),
    measure(label, 'RSS growth of the app', peak - before, 'MB', '< 150 MB', peak - before < 150),
    measure(label, 'throughput', entries / seconds, 'PDF/s', 'reference', true),
    measure(label, 'size', bytes / 1048576, 'MB', 'reference', true),
  ];
}

function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
}
