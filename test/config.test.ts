import { loadConfig } from '../src/config';

describe('configuration from the environment', () => {
  const base = { SESSION_SECRET: 'test-session-secret-0123456789' };

  it('trusts one proxy hop by default behind https, none on plain http', () => {
    expect(loadConfig({ ...base, BASE_URL: 'https://awards.example.org' }).trustProxy).toBe(1);
    expect(loadConfig({ ...base, BASE_URL: 'http://localhost:3000' }).trustProxy).toBe(0);
    expect(loadConfig({ ...base }).trustProxy).toBe(0);
  });

  it('takes TRUST_PROXY as the number of hops to trust, whatever BASE_URL says', () => {
    expect(loadConfig({ ...base, TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ ...base, BASE_URL: 'https://awards.example.org', TRUST_PROXY: '0' }).trustProxy).toBe(0);
    expect(loadConfig({ ...base, TRUST_PROXY: '' }).trustProxy).toBe(0); // empty means unset
  });

  it.each(['yes', '-1', '1.5', '11'])('stops with a message naming TRUST_PROXY for %p', (value) => {
    expect(() => loadConfig({ ...base, TRUST_PROXY: value })).toThrow(/Invalid configuration:\n {2}TRUST_PROXY: /);
  });
});
