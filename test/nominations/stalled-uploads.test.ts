import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { csrfOf, signIn, useTestApp } from '../support/harness';
import { createCycle } from '../support/fixtures';
import { completeFields, postForm, PDF, PDF_WITH_SCRIPT, PNG } from '../support/officer-forms';
import { uploadTempDir } from '../../src/nominations/upload-parser';
import { CHUNK_BYTES } from '../../src/nominations/document-store';
import { signInOverSocket } from '../support/socket-sign-in';

const MB = 1024 * 1024;
/** A valid PDF of about `bytes`: the small one, padded with spaces (whitespace between objects is allowed). */
const pdfOfSize = (bytes: number) => Buffer.concat([PDF, Buffer.alloc(bytes - PDF.length, 0x20)]);

const tempFiles = () => fs.readdirSync(uploadTempDir());
const tempBytes = () => tempFiles().reduce((sum, f) => sum + (fs.statSync(path.join(uploadTempDir(), f), { throwIfNoEntry: false })?.size ?? 0), 0);

async function until(condition: () => boolean | Promise<boolean>, what: string, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('an upload on its way: kept on disk until the request is over, and stored whole or not at all', () => {
  const t = useTestApp();
  let officer: Awaited<ReturnType<typeof signIn>>;
  let cycleId: number;
  let categoryId: number;
  let server: http.Server;
  let port: number;
  let cookie: string;
  let csrf: string;

  const stored = async () => ({
    attachments: (await t.ds.query(`SELECT count(*)::int AS n FROM attachment`))[0].n as number,
    chunks: (await t.ds.query(`SELECT count(*)::int AS n FROM attachment_chunk`))[0].n as number,
  });
  const nominationsNamed = async (lastName: string) =>
    (await t.ds.query(`SELECT count(*)::int AS n FROM nomination n JOIN nominee p ON p.id = n.nominee_id WHERE p.last_name = $1`, [lastName]))[0].n as number;

  beforeAll(async () => {
    officer = await signIn(t.app, 'officer@example.org');
    const { cycle, categories } = await createCycle(t.ds);
    cycleId = cycle.id;
    categoryId = categories[0].id;

    server = http.createServer(t.app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
    const base = `http://127.0.0.1:${port}`;
    cookie = await signInOverSocket(base, 'officer@example.org');
    csrf = csrfOf(await (await fetch(`${base}/officer/cycles/${cycleId}/nominations/new`, { headers: { cookie } })).text());
  });

  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
  });

  it('stores a document in pieces of 256 KB with its SHA-256, sends it back byte for byte, and keeps no temporary file', async () => {
    const file = pdfOfSize(CHUNK_BYTES * 2 + 1000);
    const res = await postForm(officer.agent, `/officer/cycles/${cycleId}/nominations`, officer.csrf, { ...completeFields(categoryId, { 'nominee.lastName': 'Кусочкина' }), action: 'save' }, [{ name: 'Ходатайство.pdf', data: file }]);
    expect(res.status).toBe(303);
    const id = Number(/(\d+)$/.exec(res.headers.location)![1]);
    const [doc] = await t.ds.query(`SELECT id, size, sha256 FROM attachment WHERE nomination_id = $1`, [id]);
    expect(doc.size).toBe(file.length);
    expect(doc.sha256).toBe(require('node:crypto').createHash('sha256').update(file).digest('hex'));
    expect(await t.ds.query(`SELECT seq, length(data) AS bytes FROM attachment_chunk WHERE attachment_id = $1 ORDER BY seq`, [doc.id])).toEqual([
      { seq: 0, bytes: CHUNK_BYTES },
      { seq: 1, bytes: CHUNK_BYTES },
      { seq: 2, bytes: 1000 },
    ]);
    const download = await officer.agent.get(`/officer/nominations/${id}/documents/${doc.id}`).buffer(true).parse((r, done) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => done(null, Buffer.concat(chunks)));
    });
    expect(download.headers['content-length']).toBe(String(file.length));
    expect(Buffer.compare(download.body as Buffer, file)).toBe(0);
    await until(() => tempFiles().length === 0, 'the temporary file is removed');
  });

  it('stores nothing and keeps no temporary file when one file of the form is refused', async () => {
    const before = await stored();
    const res = await postForm(officer.agent, `/officer/cycles/${cycleId}/nominations`, officer.csrf, { ...completeFields(categoryId, { 'nominee.lastName': 'Отказова' }), action: 'save' }, [
      { name: 'good.pdf', data: pdfOfSize(MB) },
      { name: 'active.pdf', data: PDF_WITH_SCRIPT, slot: 1 },
      { name: 'photo.png', data: PNG, slot: 2 },
    ]);
    expect(res.status).toBe(400);
    expect(await stored()).toEqual(before);
    expect(await nominationsNamed('Отказова')).toBe(0);
    await until(() => tempFiles().length === 0, 'the temporary files are removed');
  });

  it('stores nothing and keeps no temporary file when a file is over 10 MB (cut off while it streams in)', async () => {
    const before = await stored();
    const res = await postForm(officer.agent, `/officer/cycles/${cycleId}/nominations`, officer.csrf, { ...completeFields(categoryId, { 'nominee.lastName': 'Большакова' }), action: 'save' }, [
      { name: 'small.pdf', data: PDF },
      { name: 'big.pdf', data: pdfOfSize(10 * MB + 10), slot: 1 },
    ]);
    expect(res.status).toBe(413);
    expect(await stored()).toEqual(before);
    await until(() => tempFiles().length === 0, 'the temporary files are removed');
  });

  it('stores nothing and keeps no temporary file when the client goes away in the middle of an upload', async () => {
    const before = await stored();
    const boundary = 'laureate-stalled-upload';
    const fields = { _csrf: csrf, ...completeFields(categoryId, { 'nominee.lastName': 'Оборванная' }), kind0: 'recommendation', action: 'save' };
    const head = Buffer.from(
      Object.entries(fields).map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`).join('') +
        `--${boundary}\r\nContent-Disposition: form-data; name="files0"; filename="ходатайство.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
    );
    const sent = pdfOfSize(2 * MB);
    const req = http.request({
      port, host: '127.0.0.1', method: 'POST', path: `/officer/cycles/${cycleId}/nominations`,
      // the body is announced at 6 MB, but only 2 MB of the file come before the client gives up
      headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(head.length + 6 * MB) },
    });
    req.on('error', () => undefined);
    req.write(head);
    req.write(sent);
    // the file is being written to disk, not kept in memory
    await until(() => tempBytes() >= sent.length, 'the first 2 MB reach the temporary file');
    req.destroy();

    await until(() => tempFiles().length === 0, 'the partial file is removed');
    // the app is still answering, and nothing of the cut-off form was kept
    expect((await officer.agent.get('/officer')).status).toBe(200);
    expect(await stored()).toEqual(before);
    expect(await nominationsNamed('Оборванная')).toBe(0);
  });
});
