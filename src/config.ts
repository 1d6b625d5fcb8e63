import path from 'node:path';
import crypto from 'node:crypto';
import { z } from 'zod';

/** Environment → typed configuration, checked once at start. Every variable is listed in the README. */
const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  BASE_URL: z.string().url().optional(),
  DATABASE_URL: z.string().min(1).optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  SESSION_SECRET: z.string().min(16).optional(),
  REGION_TZ: z.string().default('Europe/Moscow'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  /** proxy hops in front of the app whose X-Forwarded-For is believed (the client address throttles sign-ins) */
  TRUST_PROXY: z.coerce.number({ error: 'a whole number of proxy hops (0 = trust none)' }).int('a whole number of proxy hops (0 = trust none)').min(0).max(10).optional(),
  /** the mail server: smtp://user:pass@host:587 (STARTTLS when offered) or smtps://user:pass@host:465 (TLS) */
  SMTP_URL: z.string().regex(/^smtps?:\/\/[^/]+/, 'an smtp:// or smtps:// URL, e.g. smtp://user:pass@mail.example.org:587').optional(),
  /** the sender of every message, e.g. `Лауреат <no-reply@example.org>` */
  MAIL_FROM: z.string().min(3).optional(),
  /** years after a cycle's results were published that its nominations which won nothing are anonymised (152-FZ art. 5 §7) */
  /** the operator of personal data named in the consent forms (the ministry), and its address */
  PD_OPERATOR_NAME: z.string().min(3).max(300).optional(),
  PD_OPERATOR_ADDRESS: z.string().min(3).max(300).optional(),
  PERSONAL_DATA_RETENTION_YEARS: z.coerce.number({ error: 'a whole number of years, 1–75' }).int('a whole number of years, 1–75').min(1, 'a whole number of years, 1–75').max(75, 'a whole number of years, 1–75').default(5),
});

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  baseUrl: string;
  secureCookies: boolean;
  databaseUrl: string | undefined;
  dataDir: string;
  sessionSecret: string;
  sessionSecretGenerated: boolean;
  regionTz: string;
  logLevel: string;
  poolSize: number;
  /** how many proxy hops to trust for the client's address: 0 believes no X-Forwarded-For */
  trustProxy: number;
  /** SMTP_URL; null: no mail server, messages are kept as «not sent» */
  smtpUrl: string | null;
  /** MAIL_FROM, or «Лауреат <no-reply@host of BASE_URL>» */
  mailFrom: string;
  /** PERSONAL_DATA_RETENTION_YEARS: how long after publication the data of nominations that won nothing is kept */
  retentionYears: number;
  /** PD_OPERATOR_NAME / PD_OPERATOR_ADDRESS; null: the consent forms name the region's ministry of health and leave the address to write */
  operator: { name: string | null; address: string | null };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable (DATABASE_URL=) means "not set", as in most shells' .env files.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (!isValidTimeZone(e.REGION_TZ)) throw new Error(`Invalid configuration:\n  REGION_TZ: unknown time zone "${e.REGION_TZ}"`);
  if (e.NODE_ENV === 'production' && !e.SESSION_SECRET) {
    throw new Error('Invalid configuration:\n  SESSION_SECRET: required in production (at least 16 characters)');
  }
  const baseUrl = (e.BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, '');
  const secureCookies = baseUrl.startsWith('https://');
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    baseUrl,
    secureCookies,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.DATA_DIR),
    sessionSecret: e.SESSION_SECRET ?? crypto.randomBytes(32).toString('hex'),
    sessionSecretGenerated: !e.SESSION_SECRET,
    regionTz: e.REGION_TZ,
    logLevel: e.LOG_LEVEL,
    poolSize: e.DB_POOL_SIZE,
    // behind TLS there is almost always one terminating proxy; on plain http the app usually faces clients itself
    trustProxy: e.TRUST_PROXY ?? (secureCookies ? 1 : 0),
    smtpUrl: e.SMTP_URL ?? null,
    mailFrom: e.MAIL_FROM ?? `Лауреат <no-reply@${new URL(baseUrl).hostname}>`,
    retentionYears: e.PERSONAL_DATA_RETENTION_YEARS,
    operator: { name: e.PD_OPERATOR_NAME ?? null, address: e.PD_OPERATOR_ADDRESS ?? null },
  };
}

function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
