import 'reflect-metadata';
import http from 'node:http';
import pino from 'pino';
import { dataSource } from '../ormconfig';
import { loadConfig } from './config';
import { openDatabase, runMigrationsOneAtATime } from './db/open';
import { DataDirInUseError } from './db/embedded';
import { buildApp } from './app';
import { seedDemoIfEmpty } from './demo/seed';
import { startPhaseClock } from './cycles/phase-clock';
import { maintainEmbeddedDatabase } from './db/maintenance';
import { startMailer } from './mail/mailer';
import { startJobs } from './jobs/scheduler';

/** Starts Laureate: database (embedded unless DATABASE_URL), migrations, demo data on the embedded one, HTTP. */
async function main() {
  const startedAt = Date.now();
  const config = loadConfig();
  const logger = pino({ level: config.logLevel });
  if (config.sessionSecretGenerated) {
    logger.warn('SESSION_SECRET is not set: using a random one for this run, so sign-ins end at restart. Set it in production.');
  }
  const db = await openDatabase(dataSource, config);
  await runMigrationsOneAtATime(dataSource, !db.embedded);
  if (db.embedded) {
    const seeded = await seedDemoIfEmpty(dataSource);
    if (seeded) logger.info('Seeded the demo region (accounts are listed in the README).');
  }
  const stopMaintenance = db.embedded ? await maintainEmbeddedDatabase(dataSource, (err) => logger.warn({ err }, 'database maintenance failed')) : () => undefined;
  const built = buildApp({ dataSource, config, logger });
  // Closes nominations and judging when their end dates pass (idempotent; safe with several processes).
  const stopClock = startPhaseClock(dataSource, (err) => logger.warn({ err }, 'phase clock tick failed'));
  // Mail leaves through the queue in mail_message; periodic tasks (reminders) run through pg-boss.
  const mailer = startMailer({ dataSource, config, logger });
  if (!config.smtpUrl) logger.warn('SMTP_URL is not set: messages are kept in the outbox as not sent.');
  const server = http.createServer(built.app);
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(config.port, resolve));
  // The periodic tasks need not hold up the first page: the job queue starts (on a first start, installing
  // its schema) while the app already serves.
  const jobs = startJobs({ dataSource, timeZone: config.regionTz, logger }).catch((err) => {
    logger.error({ err }, 'the job queue did not start: periodic tasks (reminders, retention) wait for the next start');
    return null;
  });
  logger.info(
    { port: config.port, database: db.embedded ? `embedded (${config.dataDir})` : 'PostgreSQL', ms: Date.now() - startedAt },
    `Laureate is listening on ${config.baseUrl}`,
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000).unref();
    stopClock();
    stopMaintenance();
    // messages being sent and periodic runs finish (or are left to their lease) before the database closes
    const workersStopped = Promise.all([mailer.stop(5_000), jobs.then((j) => j?.stop(5_000))]);
    // requests and handlers already running finish before the database closes under them (a closing
    // pool hands their connections to whatever asks next); after 8 s the rest are cut off
    server.close();
    server.closeIdleConnections();
    await Promise.race([built.drain(), new Promise((resolve) => setTimeout(resolve, 8_000).unref())]);
    server.closeAllConnections();
    await workersStopped;
    await built.close();
    await db.close();
    clearTimeout(force);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err) => {
  if (err instanceof DataDirInUseError) console.error(err.message);
  else console.error(err);
  process.exit(1);
});
