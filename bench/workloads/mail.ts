import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { SMTPServer } from 'smtp-server';
import { dataSourceOptions } from '../../ormconfig';
import { loadConfig } from '../../src/config';
import { startEmbeddedDatabase } from '../../src/db/embedded';
import { composeMail } from '../../src/mail/compose';
import { enqueueMail } from '../../src/mail/outbox';
import { startMailer } from '../../src/mail/mailer';
import { useMailSettings } from '../../src/mail/settings';
import { measure, type Measurement } from '../report';
import { withDatabase } from './databases';

/**
 * The mail workload of issue [3/5]: 2,000 reminder-like messages (composed from the real reminder templates,
 * half in Russian, half in English) enqueued in transactions of 100, then delivered by the mailer to a local
 * SMTP server (smtp-server, reading each message to its end). On the embedded database and on PostgreSQL.
 * Targets: at least 100 messages per second; RSS growth under 100 MB over the run.
 */
const MESSAGES = 2_000;
const FROM = 'Лауреат <no-reply@bench.laureate.test>';

const rssMb = () => process.memoryUsage().rss / 2 ** 20;

async function startSink(): Promise<{ url: string; count: () => number; close(): Promise<void> }> {
  let received = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        received++;
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = (server as unknown as { server: { address(): { port: number } } }).server.address();
  return { url: `smtp://127.0.0.1:${port}`, count: () => received, close: () => new Promise<void>((r) => server.close(() => r())) };
}

async function run(label: string, ds: DataSource): Promise<Measurement[]> {
  await ds.runMigrations({ transaction: 'each' });
  await ds.query(`DELETE FROM mail_message`);
  const sink = await startSink();
  useMailSettings({ smtpUrl: sink.url, from: FROM });
  const rssBefore = rssMb();
  let peak = rssBefore;
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb())), 100);
  const deadline = new Date(Date.now() + 3 * 24 * 3_600_000);
  const enqueueStart = performance.now();
  for (let batch = 0; batch < MESSAGES / 100; batch++) {
    await ds.transaction(async (m) => {
      for (let i = batch * 100; i < (batch + 1) * 100; i++) {
        const language = i % 2 ? 'en' : 'ru';
        const data = { recipientName: `Член жюри ${i}`, cycleName: 'Лучший врач 2026', deadline, count: (i % 7) + 1, link: '/jury', daysBefore: 3 };
        await enqueueMail(m, {
          kind: 'reminder_juror_scorecards',
          to: { userId: null, email: `juror${i}@bench.example.org`, name: `Член жюри ${i}` },
          language,
          idempotencyKey: `bench:reminder:${i}`,
          content: composeMail('reminder_juror_scorecards', language, data),
        });
      }
    });
  }
  const enqueueMs = performance.now() - enqueueStart;
  let sent = 0;
  let failed = 0;
  const sendStart = performance.now();
  const done = new Promise<void>((resolve) => {
    const mailer = startMailer({
      dataSource: ds,
      config: { smtpUrl: sink.url, mailFrom: FROM },
      pollMs: 200,
      onOutcome: (outcome) => {
        if (outcome === 'sent') sent++;
        else failed++;
        if (sent + failed === MESSAGES) void mailer.stop().then(resolve);
      },
    });
  });
  await done;
  const sendMs = performance.now() - sendStart;
  clearInterval(sampler);
  await sink.close();
  useMailSettings(null);
  const perSecond = (MESSAGES / sendMs) * 1000;
  const growth = peak - rssBefore;
  const workload = `mail: 2,000 reminders to a local SMTP server, ${label}`;
  return [
    measure(workload, 'enqueued per second (composed, in transactions of 100)', (MESSAGES / enqueueMs) * 1000, 'msg/s', 'reference', true),
    measure(workload, `delivered per second (${sent} sent, ${failed} not, ${sink.count()} received)`, perSecond, 'msg/s', '>= 100 msg/s', perSecond >= 100 && sent === MESSAGES && sink.count() === MESSAGES),
    measure(workload, 'RSS growth over the run (peak − before)', growth, 'MB', '< 100 MB', growth < 100),
  ];
}

/** Runs the workload on a fresh embedded database, then on a fresh PostgreSQL database beside `postgresUrl`. */
export async function mailWorkload(postgresUrl: string): Promise<Measurement[]> {
  const rows: Measurement[] = [];
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'laureate-bench-mail-'));
  const embedded = await startEmbeddedDatabase(dataDir, 12);
  const ds = new DataSource(dataSourceOptions(loadConfig({ ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', NODE_ENV: 'test' })));
  try {
    await ds.initialize();
    rows.push(...(await run('embedded database', ds)));
  } finally {
    if (ds.isInitialized) await ds.destroy();
    await embedded.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  rows.push(
    ...(await withDatabase(postgresUrl, 'laureate_bench_mail', async (url) => {
      const pg = new DataSource(dataSourceOptions(loadConfig({ ...process.env, DATABASE_URL: url, NODE_ENV: 'test' })));
      await pg.initialize();
      try {
        return await run('PostgreSQL', pg);
      } finally {
        await pg.destroy();
      }
    })),
  );
  return rows;
}
