import { nextAttemptAt, DEFAULT_RETRY } from '../../src/mail/delivery';
import { classifySmtpError } from '../../src/mail/transport';

const queuedAt = new Date('2026-03-01T10:00:00Z');
const after = (minutes: number) => new Date(queuedAt.getTime() + minutes * 60_000);
const minutesAfterQueueing = (d: Date | null) => (d ? (d.getTime() - queuedAt.getTime()) / 60_000 : null);

describe('when a temporarily failed message is tried again', () => {
  it('waits 1, 2, 4, 8 … minutes after each failed attempt, at most an hour', () => {
    expect(minutesAfterQueueing(nextAttemptAt(DEFAULT_RETRY, 1, queuedAt, after(0)))).toBe(1);
    expect(minutesAfterQueueing(nextAttemptAt(DEFAULT_RETRY, 2, queuedAt, after(1)))).toBe(3);
    expect(minutesAfterQueueing(nextAttemptAt(DEFAULT_RETRY, 3, queuedAt, after(3)))).toBe(7);
    expect(minutesAfterQueueing(nextAttemptAt(DEFAULT_RETRY, 7, queuedAt, after(127)))).toBe(127 + 60);
    expect(minutesAfterQueueing(nextAttemptAt(DEFAULT_RETRY, 40, queuedAt, after(600)))).toBe(660);
  });

  it('makes the last attempt at the end of the 24 hours, and none after', () => {
    expect(minutesAfterQueueing(nextAttemptAt(DEFAULT_RETRY, 30, queuedAt, after(24 * 60 - 10)))).toBe(24 * 60);
    expect(nextAttemptAt(DEFAULT_RETRY, 31, queuedAt, after(24 * 60))).toBeNull();
    expect(nextAttemptAt(DEFAULT_RETRY, 31, queuedAt, after(24 * 60 + 5))).toBeNull();
  });
});

describe('which sending errors are worth retrying', () => {
  it('gives up on an SMTP 5xx answer', () => {
    expect(classifySmtpError({ code: 'EENVELOPE', responseCode: 550, response: '550 5.1.1 No such user' })).toEqual({ permanent: true, message: '550 5.1.1 No such user' });
    expect(classifySmtpError({ code: 'EAUTH', responseCode: 535, response: '535 Authentication failed' }).permanent).toBe(true);
  });

  it('retries a 4xx answer, a refused connection, a timeout and an unknown host', () => {
    expect(classifySmtpError({ code: 'EMESSAGE', responseCode: 421, response: '421 Try later' })).toEqual({ permanent: false, message: '421 Try later' });
    expect(classifySmtpError({ code: 'ESOCKET', message: 'connect ECONNREFUSED 127.0.0.1:25' })).toEqual({ permanent: false, message: 'ESOCKET: connect ECONNREFUSED 127.0.0.1:25' });
    expect(classifySmtpError({ code: 'ETIMEDOUT', message: 'Greeting never received' }).permanent).toBe(false);
    expect(classifySmtpError({ code: 'EDNS', message: 'getaddrinfo ENOTFOUND mail.example' }).permanent).toBe(false);
  });
});
