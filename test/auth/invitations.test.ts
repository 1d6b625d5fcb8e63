import request from 'supertest';
import { csrfOf, signIn, useTestApp } from '../support/harness';
import { issueInvitation, INVITATION_HOURS, findInvitation } from '../../src/auth/invitations';

describe('invitations', () => {
  const t = useTestApp();

  async function invite(email: string, extra: Record<string, string> = {}) {
    const { agent, csrf } = await signIn(t.app, 'admin@example.org');
    const res = await agent.post('/admin/users').type('form')
      .send({ _csrf: csrf, email, fullName: 'Новикова Дарья Ильинична', role: 'officer', municipalityId: '3', institution: '', ...extra });
    return res;
  }

  const linkOf = (html: string) => /\/invite\/([A-Za-z0-9_-]+)/.exec(html)![1];

  it('lets the admin invite a person, who sets a password through the link once and signs in', async () => {
    const res = await invite('Novikova@Example.org');
    expect(res.status).toBe(200);
    expect(res.text).toContain('http://localhost:3000/invite/');
    const token = linkOf(res.text);
    const visitor = request.agent(t.app);
    const form = await visitor.get(`/invite/${token}`);
    expect(form.status).toBe(200);
    expect(form.text).toContain('Новикова Дарья Ильинична');
    const set = await visitor.post(`/invite/${token}`).type('form').send({ _csrf: csrfOf(form.text), password: 'a-long-new-password', passwordConfirm: 'a-long-new-password' });
    expect(set.status).toBe(303);
    expect(set.headers.location).toBe('/login');
    const { agent } = await signIn(t.app, 'novikova@example.org', 'a-long-new-password');
    expect((await agent.get('/officer')).text).toContain('Щёлково');
  });

  it('refuses a link that was already used', async () => {
    const token = linkOf((await invite('reused@example.org')).text);
    const visitor = request.agent(t.app);
    const form = await visitor.get(`/invite/${token}`);
    const body = { _csrf: csrfOf(form.text), password: 'first-password-1', passwordConfirm: 'first-password-1' };
    await visitor.post(`/invite/${token}`).type('form').send(body).expect(303);
    const again = await visitor.post(`/invite/${token}`).type('form').send({ ...body, password: 'second-password', passwordConfirm: 'second-password' });
    expect(again.status).toBe(410);
    expect(again.text).toContain('Эта ссылка уже использована.');
    const page = await visitor.get(`/invite/${token}`);
    expect(page.status).toBe(410);
  });

  it('refuses a link older than 72 hours', async () => {
    const userId = (await t.ds.query(`SELECT id FROM app_user WHERE email = 'juror2@example.org'`))[0].id;
    const issuedAt = new Date(Date.now() - (INVITATION_HOURS * 3600_000 + 60_000));
    const token = await issueInvitation(t.ds.manager, userId, null, issuedAt);
    expect((await findInvitation(t.ds.manager, token)).state).toBe('expired');
    const res = await request(t.app).get(`/invite/${token}`);
    expect(res.status).toBe(410);
    expect(res.text).toContain('Срок действия ссылки истёк.');
  });

  it('answers 404 to a made-up link', async () => {
    const res = await request(t.app).get('/invite/this-token-does-not-exist-at-all');
    expect(res.status).toBe(404);
  });

  it('keeps the form and names the problem when passwords are short or differ', async () => {
    const token = linkOf((await invite('mismatch@example.org')).text);
    const visitor = request.agent(t.app);
    const form = await visitor.get(`/invite/${token}`);
    const res = await visitor.post(`/invite/${token}`).type('form').send({ _csrf: csrfOf(form.text), password: 'short', passwordConfirm: 'other' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('Пароль должен быть не короче 10 символов.');
    expect(res.text).toContain('Пароли не совпадают.');
  });

  it('stops an earlier link from working when a new one is issued', async () => {
    const res = await invite('twice@example.org');
    const first = linkOf(res.text);
    const userId = (await t.ds.query(`SELECT id FROM app_user WHERE email = 'twice@example.org'`))[0].id;
    const { agent, csrf } = await signIn(t.app, 'admin@example.org');
    const second = await agent.post(`/admin/users/${userId}/invitation`).type('form').send({ _csrf: csrf });
    expect(linkOf(second.text)).not.toBe(first);
    expect((await request(t.app).get(`/invite/${first}`)).status).toBe(410);
    expect((await request(t.app).get(`/invite/${linkOf(second.text)}`)).status).toBe(200);
  });
});
