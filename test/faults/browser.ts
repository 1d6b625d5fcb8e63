import { DEMO_PASSWORD } from '../../src/demo/people';

/** HTTP as a browser does it, against the app's child processes (see support.ts). */

export interface Page {
  status: number;
  text: string;
  location: string | null;
  headers: Headers;
}

/**
 * A browser of sorts: keeps cookies, follows no redirects. `at(other)` is the same person (same cookies)
 * talking to another process, as behind a load balancer.
 */
export class Browser {
  constructor(readonly base: string, private readonly cookies = new Map<string, string>()) {}

  at(base: string): Browser {
    return new Browser(base, this.cookies);
  }

  async request(method: string, pathname: string, body?: URLSearchParams | FormData, timeoutMs = 15_000): Promise<Page> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(this.base + pathname, {
      method, body, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs), headers: { accept: 'text/html', ...(cookie ? { cookie } : {}) },
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair.indexOf('=');
      this.cookies.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
    }
    return { status: res.status, text: await res.text(), location: res.headers.get('location'), headers: res.headers };
  }

  get(pathname: string): Promise<Page> {
    return this.request('GET', pathname);
  }

  post(pathname: string, fields: Record<string, string | number>): Promise<Page> {
    return this.request('POST', pathname, new URLSearchParams(Object.entries(fields).map(([k, v]): [string, string] => [k, String(v)])));
  }

  /** multipart/form-data, as the nomination form is sent */
  postMultipart(pathname: string, fields: Record<string, string | number | undefined>): Promise<Page> {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) if (v !== undefined) form.append(k, String(v));
    return this.request('POST', pathname, form);
  }

  /** Signs in through the form; returns the CSRF token of the new session. */
  async signIn(email: string, password = DEMO_PASSWORD): Promise<string> {
    const form = await this.get('/login');
    const res = await this.post('/login', { email, password, _csrf: csrfOf(form.text) });
    if (res.status !== 303) throw new Error(`sign-in of ${email} at ${this.base} answered ${res.status}`);
    return csrfOf((await this.get('/account/password')).text);
  }
}

export function csrfOf(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!m) throw new Error('no CSRF token in the page');
  return m[1];
}
