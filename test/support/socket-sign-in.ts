import { csrfOf } from './harness';

/**
 * Signs in through the real form over a real socket (`base` is the app's http://127.0.0.1:port), as a
 * browser does, for tests that measure transfers with fetch rather than Supertest. Returns the cookie header.
 */
export async function signInOverSocket(base: string, email: string): Promise<string> {
  const form = await fetch(`${base}/login`);
  const anonymous = form.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const signedIn = await fetch(`${base}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: anonymous, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email, password: 'laureate-demo', _csrf: csrfOf(await form.text()) }),
  });
  if (signedIn.status !== 303) throw new Error(`${email} could not sign in: ${signedIn.status}`);
  return signedIn.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ') || anonymous;
}
