import express from 'express';
import pino from 'pino';
import request from 'supertest';
import { useTestApp } from '../support/harness';
import { errorHandler } from '../../src/web/errors';
import { localeMiddleware } from '../../src/web/locale';
import { configureViews } from '../../src/web/views';

describe('error pages', () => {
  const t = useTestApp({ seed: false });

  it('shows a 404 page in Russian, and in English on request', async () => {
    const ru = await request(t.app).get('/no/such/page');
    expect(ru.status).toBe(404);
    expect(ru.text).toContain('Страница не найдена');
    const en = await request(t.app).get('/no/such/page').set('Cookie', 'lang=en');
    expect(en.status).toBe(404);
    expect(en.text).toContain('Page not found');
  });

  it('answers 404 as JSON to a data request', async () => {
    const res = await request(t.app).get('/no/such.json');
    expect(res.status).toBe(404);
    expect(res.body.status).toBe(404);
  });

  it('turns an unexpected error into a 500 page without a stack trace', async () => {
    const app = express();
    configureViews(app);
    app.use(localeMiddleware);
    app.get('/boom', () => {
      throw new Error('secret internals at /srv/app/src/thing.ts:12:3');
    });
    app.use(errorHandler(pino({ level: 'silent' })));
    const res = await request(app).get('/boom');
    expect(res.status).toBe(500);
    expect(res.text).toContain('Ошибка на сервере');
    expect(res.text).not.toContain('secret internals');
    expect(res.text).not.toContain('thing.ts');
  });

  it('answers a malformed form body with 400, not 500', async () => {
    const res = await request(t.app).post('/login').set('Content-Type', 'application/json').send('{"broken": ');
    expect(res.status).toBe(400);
  });

  it('sends security headers: CSP without inline script, nosniff, no framing, no X-Powered-By', async () => {
    const res = await request(t.app).get('/');
    const csp = res.headers['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['x-request-id']).toMatch(/^[\w-]+$/);
  });

  it('creates no session for an anonymous visitor of a public page', async () => {
    const res = await request(t.app).get('/');
    expect(res.headers['set-cookie']).toBeUndefined();
  });
});
