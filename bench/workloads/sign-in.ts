/** Signs in through the login form like a browser; returns the session cookie. */
export async function signIn(appUrl: string, email: string): Promise<string> {
  const form = await fetch(`${appUrl}/login`);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1];
  const login = await fetch(`${appUrl}/login`, {
    method: 'POST', redirect: 'manual', headers: { cookie: sessionCookie(form), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email, password: 'laureate-demo', _csrf: csrf }),
  });
  if (login.status !== 303) throw new Error(`${email} could not sign in: ${login.status}`);
  return sessionCookie(login);
}

function sessionCookie(res: Response): string {
  const set = res.headers.getSetCookie().find((c) => c.startsWith('laureate.sid='));
  if (!set) throw new Error('no session cookie');
  return set.split(';')[0];
}
