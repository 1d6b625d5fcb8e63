import { loadConfig } from '../config';

/** How this process sends mail: from the configuration, unless the mailer was started with another one. */
export interface MailSettings {
  /** SMTP_URL; null: no server, every message is kept as not sent */
  smtpUrl: string | null;
  from: string;
}

let current: MailSettings | undefined;

export function mailSettings(): MailSettings {
  if (!current) {
    const config = loadConfig();
    current = { smtpUrl: config.smtpUrl, from: config.mailFrom };
  }
  return current;
}

/** The mailer (src/mail/mailer.ts) makes enqueueing agree with what it delivers through; null goes back to the configuration. */
export function useMailSettings(settings: MailSettings | null): void {
  current = settings ?? undefined;
}
