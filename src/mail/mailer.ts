import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import { useMailSettings } from './settings';
import { smtpTransport, type MailTransport } from './transport';
import { deliverClaimed, claimDueMail, keepDueMailUnsent, DEFAULT_RETRY, type DeliveryOutcome, type RetryPolicy } from './delivery';

export interface MailerOptions {
  dataSource: DataSource;
  config: { smtpUrl: string | null; mailFrom: string };
  logger?: Pick<Logger, 'info' | 'warn' | 'error'>;
  /** how temporary failures are retried (tests shorten it) */
  retry?: Partial<RetryPolicy>;
  /** how often the queue is looked at when it was empty */
  pollMs?: number;
  /** messages taken per round, and sent at the same time */
  batchSize?: number;
  concurrency?: number;
  /** how long a taken message is reserved for this process; longer than any SMTP wait */
  leaseMs?: number;
  /** SMTP connect / greeting / answer timeout */
  smtpTimeoutMs?: number;
  /** told of every attempt's outcome (the bench counts them) */
  onOutcome?: (outcome: DeliveryOutcome, id: number) => void;
}

export interface Mailer {
  /** stops taking messages and waits for those being sent (up to `timeoutMs`) */
  stop(timeoutMs?: number): Promise<void>;
}

/**
 * The mail worker of one process: takes due messages from the mail_message queue and sends them. Several
 * processes may run one each on the same database: each message is taken by one of them at a time. Without
 * SMTP_URL it keeps every queued message as «not sent». Started by src/server.ts (never by buildApp).
 */
export function startMailer(options: MailerOptions): Mailer {
  const { dataSource: ds, config, logger } = options;
  const retry: RetryPolicy = { ...DEFAULT_RETRY, ...options.retry };
  const pollMs = options.pollMs ?? 1_000;
  const batchSize = options.batchSize ?? 50;
  const concurrency = options.concurrency ?? 4;
  const smtpTimeoutMs = options.smtpTimeoutMs ?? 30_000;
  const leaseMs = options.leaseMs ?? Math.max(5 * 60_000, smtpTimeoutMs * 6);
  // enqueueing in this process agrees with what this mailer delivers through
  useMailSettings({ smtpUrl: config.smtpUrl, from: config.mailFrom });
  const transport: MailTransport | null = config.smtpUrl ? smtpTransport(config.smtpUrl, { maxConnections: concurrency, timeoutMs: smtpTimeoutMs }) : null;

  let stopping = false;
  // the pause between rounds, cut short by stop()
  let wake: (() => void) | null = null;
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake = null;
        resolve();
      }
      wake = done;
    });

  /** One round; true when there may be more due right away. */
  const round = async (): Promise<boolean> => {
    if (!transport) return (await keepDueMailUnsent(ds, batchSize)) === batchSize;
    const claimed = await claimDueMail(ds, batchSize, leaseMs);
    await deliverClaimed(ds, transport, config.mailFrom, claimed, {
      retry,
      concurrency,
      onOutcome(outcome, id) {
        if (outcome === 'failed') logger?.warn({ mailId: id }, 'a message could not be delivered');
        options.onOutcome?.(outcome, id);
      },
    });
    return claimed.length === batchSize;
  };

  const loop = (async () => {
    let failures = 0;
    while (!stopping) {
      let more = false;
      try {
        more = await round();
        failures = 0;
      } catch (err) {
        // the database went away for a moment: the claimed messages come back when their lease runs out
        logger?.warn({ err }, 'mail delivery round failed');
        failures++;
      }
      if (!more && !stopping) await sleep(Math.min(pollMs * 2 ** failures, 60_000));
    }
  })();

  return {
    async stop(timeoutMs = 8_000) {
      stopping = true;
      wake?.();
      await Promise.race([loop, new Promise((resolve) => setTimeout(resolve, timeoutMs).unref())]);
      transport?.close();
    },
  };
}
