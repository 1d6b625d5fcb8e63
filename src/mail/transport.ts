import nodemailer, { type Transporter } from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool';

/** One message as handed to the SMTP server. */
export interface OutgoingMail {
  id: number;
  from: string;
  to: { email: string; name: string | null };
  subject: string;
  text: string;
  html: string;
  language: string;
}

export interface MailTransport {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

export interface TransportOptions {
  /** connections kept open to the server, each carrying messages one after another */
  maxConnections?: number;
  /** how long to wait for the connection, the server's greeting, and any answer: past it, a temporary failure */
  timeoutMs?: number;
}

/**
 * nodemailer over SMTP_URL: smtp:// (STARTTLS when the server offers it) or smtps:// (TLS from the start),
 * user and password in the URL. Pooled, so a batch of messages does not open a connection each. Every wait
 * has a limit, so a server that hangs is a temporary failure, never a stuck mailer.
 */
export function smtpTransport(smtpUrl: string, options: TransportOptions = {}): MailTransport {
  const timeout = options.timeoutMs ?? 30_000;
  const transporter: Transporter<SMTPPool.SentMessageInfo> = nodemailer.createTransport({
    url: smtpUrl,
    pool: true,
    maxConnections: options.maxConnections ?? 4,
    maxMessages: 500,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout * 2,
  } as SMTPPool.Options);
  return {
    async send(mail) {
      await transporter.sendMail({
        from: mail.from,
        to: mail.to.name ? { name: mail.to.name, address: mail.to.email } : mail.to.email,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        // the outbox id lets a bounce or a question be matched to its message
        headers: { 'Content-Language': mail.language, 'X-Laureate-Message': String(mail.id), 'Auto-Submitted': 'auto-generated' },
      });
    },
    close: () => transporter.close(),
  };
}

export interface SmtpFailure {
  /** refused for good (an SMTP 5xx answer): retrying cannot help */
  permanent: boolean;
  /** what the outbox shows: the server's answer, or what went wrong on the way */
  message: string;
}

/**
 * Sorts a sending error: an SMTP 5xx answer is permanent; a 4xx answer, a refused or dropped connection,
 * a timeout or a name that does not resolve are temporary (the server may answer later).
 */
export function classifySmtpError(err: unknown): SmtpFailure {
  const e = (err ?? {}) as { responseCode?: unknown; response?: unknown; code?: unknown; message?: unknown };
  const code = typeof e.responseCode === 'number' ? e.responseCode : null;
  const text = typeof e.response === 'string' && e.response ? e.response : typeof e.message === 'string' ? e.message : String(err);
  const prefix = code === null && typeof e.code === 'string' ? `${e.code}: ` : '';
  return { permanent: code !== null && code >= 500 && code < 600, message: `${prefix}${text}`.slice(0, 1000) };
}
