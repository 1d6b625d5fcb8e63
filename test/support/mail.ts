import { SMTPServer, type SMTPServerSession } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';
import type { DataSource } from 'typeorm';
import type { MailKind } from '../../src/mail/kinds';
import type { MailStatus } from '../../src/mail/statuses';

/** What the test server does with the next message: accept it, or refuse it with an SMTP reply. */
export type SmtpAnswer = 'accept' | { code: number; message: string };

export interface TestSmtpServer {
  /** smtp://127.0.0.1:<port>, for SMTP_URL */
  url: string;
  /** every message accepted so far, parsed */
  received: ParsedMail[];
  /** every answer given (accepted or refused), in order */
  answers: SmtpAnswer[];
  /** resolves once `count` messages were accepted (rejects after `timeoutMs`) */
  waitFor(count: number, timeoutMs?: number): Promise<ParsedMail[]>;
  /** answers for the next messages, used in order before falling back to `options.answer` */
  refuseNext(...answers: SmtpAnswer[]): void;
  close(): Promise<void>;
}

export interface TestSmtpOptions {
  /** how each message is answered when no queued answer is left; default accept */
  answer?: (mail: ParsedMail) => SmtpAnswer;
  /** refuses the connection right at the greeting with 421 (a server that is down for maintenance) */
  refuseConnections?: boolean;
  /** answers each message only after this long (a busy server) */
  delayMs?: number;
}

/**
 * A real SMTP server on a free local port (the smtp-server package), reading what arrives with mailparser.
 * No authentication and no TLS: the app connects with smtp://127.0.0.1:<port>.
 */
export async function startTestSmtpServer(options: TestSmtpOptions = {}): Promise<TestSmtpServer> {
  const received: ParsedMail[] = [];
  const answers: SmtpAnswer[] = [];
  const scripted: SmtpAnswer[] = [];
  const waiters: Array<() => void> = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onConnect(_session: SMTPServerSession, callback: (err?: Error | null) => void) {
      if (!options.refuseConnections) return callback();
      callback(Object.assign(new Error('Service not available, try later'), { responseCode: 421 }));
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then(async (mail) => {
          if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
          const answer = scripted.shift() ?? options.answer?.(mail) ?? 'accept';
          answers.push(answer);
          if (answer === 'accept') {
            received.push(mail);
            waiters.splice(0).forEach((w) => w());
            return callback();
          }
          callback(Object.assign(new Error(answer.message), { responseCode: answer.code }));
        })
        .catch((err: Error) => callback(err));
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  server.on('error', () => undefined); // a client hanging up mid-message is not the test's failure
  const port = ((server as unknown as { server: { address(): AddressInfo } }).server.address()).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    answers,
    refuseNext: (...next) => scripted.push(...next),
    waitFor(count, timeoutMs = 15_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`expected ${count} messages, ${received.length} arrived in ${timeoutMs} ms`)), timeoutMs);
        const check = () => {
          if (received.length >= count) {
            clearTimeout(timer);
            resolve(received.slice());
          } else waiters.push(check);
        };
        check();
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface QueuedMail {
  id: number;
  kind: MailKind;
  recipientUserId: number | null;
  toEmail: string;
  toName: string | null;
  language: string;
  subject: string;
  text: string;
  html: string;
  status: MailStatus;
  attempts: number;
  lastError: string | null;
  idempotencyKey: string;
  cycleId: number | null;
  sentAt: Date | null;
  nextAttemptAt: Date | null;
}

/**
 * The mail_message rows (oldest first), optionally only those matching `where` (kind, recipient, status …),
 * so a test checks what an action enqueued without an SMTP server.
 */
export async function queuedMail(
  ds: DataSource,
  where: Partial<Pick<QueuedMail, 'kind' | 'recipientUserId' | 'toEmail' | 'status' | 'cycleId' | 'idempotencyKey'>> = {},
): Promise<QueuedMail[]> {
  const columns: Record<string, string> = {
    kind: 'kind', recipientUserId: 'recipient_user_id', toEmail: 'to_email', status: 'status', cycleId: 'cycle_id', idempotencyKey: 'idempotency_key',
  };
  const entries = Object.entries(where).filter(([, v]) => v !== undefined);
  const params: unknown[] = [];
  const conditions = entries.map(([k, v]) => (v === null ? `${columns[k]} IS NULL` : `${columns[k]} = $${params.push(v)}`));
  return ds.query(
    `SELECT id, kind, recipient_user_id AS "recipientUserId", to_email AS "toEmail", to_name AS "toName", language, subject, text, html,
            status, attempts, last_error AS "lastError", idempotency_key AS "idempotencyKey", cycle_id AS "cycleId",
            sent_at AS "sentAt", next_attempt_at AS "nextAttemptAt"
       FROM mail_message ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''} ORDER BY id`,
    params,
  );
}
