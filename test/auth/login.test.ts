import request from 'supertest';
import { csrfOf, signIn, useTestApp, DEMO_PASSWORD } from '../support/harness';

describe('signing in', () => {
  const t = useTestApp();

  async function attempt(agent: ReturnType<typeof request.agent>, email: string, password: string) {
    const form = await agent.get('/login');
    return agent.post('/login').type('form').send({ email, password, _csrf: csrfOf(form.text) });
  }

  it.each([
    ['admin@example.org', '/admin'],
    ['officer@example.org', '/officer'],
    ['officer2@example.org', '/officer'],
    ['juror@example.org', '/jury'],
    ['juror2@example.org', '/jury'],
    ['juror3@example.org', '/jury'],
  ])('lands %s on its own start page, in Russian and in English', async (email, start) => {
    const agent = request.agent(t.app);
    const res = await attempt(agent, email, DEMO_PASSWORD);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(start);
    const ru = await agent.get(start);
    expect(ru.status).toBe(200);
    expect(ru.text).toContain('lang="ru"');
    expect(ru.text).toContain('Выйти');
    await agent.get(`/lang/en?next=${encodeURIComponent(start)}`).expect(303).expect('location', start);
    const en = await agent.get(start);
    expect(en.text).toContain('lang="en"');
    expect(en.text).toContain('Sign out');
  });

  it('shows who is signed in, with role and municipality, in the header', async () => {
    const { agent } = await signIn(t.app, 'officer@example.org');
    const page = await agent.get('/officer');
    expect(page.text).toContain('Гусева Алина Петровна');
    expect(page.text).toContain('муниципальный специалист');
    expect(page.text).toContain('Красногорск');
  });

  it('gives a new session id at sign-in, so a session fixed beforehand is worthless', async () => {
    const agent = request.agent(t.app);
    const form = await agent.get('/login');
    const before = /laureate\.sid=([^;]+)/.exec(String(form.headers['set-cookie']))?.[1];
    const res = await agent.post('/login').type('form').send({ email: 'admin@example.org', password: DEMO_PASSWORD, _csrf: csrfOf(form.text) });
    const after = /laureate\.sid=([^;]+)/.exec(String(res.headers['set-cookie']))?.[1];
    expect(before).toBeTruthy();
    expect(after).toBeTruthy();
    expect(after).not.toBe(before);
  });

  it('sets HttpOnly and SameSite=Lax on the session cookie', async () => {
    const form = await request(t.app).get('/login');
    const cookie = String(form.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
  });

  it('refuses a wrong password with a message and keeps the typed address', async () => {
    const res = await attempt(request.agent(t.app), 'juror2@example.org', 'wrong-password');
    expect(res.status).toBe(401);
    expect(res.text).toContain('Неверная почта или пароль.');
    expect(res.text).toContain('value="juror2@example.org"');
  });

  it('answers an unknown address exactly like a wrong password', async () => {
    const res = await attempt(request.agent(t.app), 'nobody@example.org', 'whatever-password');
    expect(res.status).toBe(401);
    expect(res.text).toContain('Неверная почта или пароль.');
  });

  it('signs out with a POST and ends the session', async () => {
    const { agent, csrf } = await signIn(t.app, 'juror@example.org');
    await agent.post('/logout').type('form').send({ _csrf: csrf }).expect(303);
    const res = await agent.get('/jury');
    expect(res.status).toBe(303);
    expect(res.headers.location).toMatch(/^\/login/);
  });

  it('refuses a sign-in form posted without its CSRF token', async () => {
    const agent = request.agent(t.app);
    await agent.get('/login');
    const res = await agent.post('/login').type('form').send({ email: 'admin@example.org', password: DEMO_PASSWORD });
    expect(res.status).toBe(403);
  });
});
