import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { writeZip, type ZipEntry } from '../../src/web/zip';
import { readZip } from '../support/zip-reader';

async function zipBytes(entries: Iterable<ZipEntry> | AsyncIterable<ZipEntry>, compress = true): Promise<Buffer> {
  const chunks: Buffer[] = [];
  await writeZip(new Writable({ write: (chunk, _enc, done) => (chunks.push(chunk), done()) }), entries, { compress });
  return Buffer.concat(chunks);
}

const unzip = (...args: string[]) => execFileSync('unzip', args, { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C.UTF-8' } });

describe('the streamed ZIP', () => {
  it('holds entries a ZIP reader gets back byte for byte, compressed or stored', async () => {
    const random = crypto.randomBytes(1_000_000);
    const text = Buffer.from('строка\n'.repeat(10_000));
    for (const compress of [true, false]) {
      const files = readZip(await zipBytes([{ name: 'a.txt', content: Buffer.from('привет') }, { name: 'пусто.txt', content: Buffer.alloc(0) }, { name: 'dir/random.bin', content: random }, { name: 'dir/text.txt', content: text }], compress));
      expect([...files.keys()]).toEqual(['a.txt', 'пусто.txt', 'dir/random.bin', 'dir/text.txt']);
      expect(files.get('a.txt')!.toString('utf8')).toBe('привет');
      expect(files.get('пусто.txt')!.length).toBe(0);
      expect(Buffer.compare(files.get('dir/random.bin')!, random)).toBe(0);
      expect(Buffer.compare(files.get('dir/text.txt')!, text)).toBe(0);
    }
  });

  it('has its Cyrillic names listed as written by Info-ZIP\'s unzip (Debian\'s), which trusts the UTF-8 flag only from a Unix host', async () => {
    const names = ['PED-2026-0007 Иванова М.П..pdf', 'Дипломы/Ёлкина Й.С..pdf'];
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zip-'));
    try {
      const file = path.join(dir, 'a.zip');
      fs.writeFileSync(file, await zipBytes(names.map((name) => ({ name, content: Buffer.from('x') }))));
      expect(unzip('-Z1', file).trim().split('\n')).toEqual(names);
      expect(unzip('-t', file)).toContain('No errors detected');
      // and extracted as ordinary readable files (a Unix host's entries carry their permissions)
      unzip('-q', file, '-d', path.join(dir, 'out'));
      expect(fs.readFileSync(path.join(dir, 'out', names[1]), 'utf8')).toBe('x');
      expect(fs.statSync(path.join(dir, 'out', names[1])).mode & 0o777).toBe(0o644);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('makes each entry only when a slow reader has taken the ones before, so memory holds one or two', async () => {
    let made = 0;
    async function* entries(): AsyncGenerator<ZipEntry> {
      for (let i = 0; i < 40; i++) {
        made++;
        yield { name: `${i}.bin`, content: crypto.randomBytes(256 * 1024) };
      }
    }
    let received = 0;
    let aheadMost = 0;
    const reader = new Writable({
      highWaterMark: 16 * 1024,
      write(chunk: Buffer, _enc, done) {
        received += chunk.length;
        aheadMost = Math.max(aheadMost, made - Math.floor(received / (256 * 1024)));
        setImmediate(done);
      },
    });
    await writeZip(reader, entries(), { compress: false });
    expect(made).toBe(40);
    expect(aheadMost).toBeLessThanOrEqual(3);
  });

  it('stops making entries when the reader leaves, and says why', async () => {
    let made = 0;
    let closed = false;
    async function* endless(): AsyncGenerator<ZipEntry> {
      try {
        for (;;) yield { name: `${made++}.bin`, content: crypto.randomBytes(64 * 1024) };
      } finally {
        closed = true;
      }
    }
    const reader = new PassThrough();
    reader.once('data', () => reader.destroy());
    await expect(writeZip(reader, endless(), { compress: false })).rejects.toMatchObject({ code: 'ERR_STREAM_PREMATURE_CLOSE' });
    expect(closed).toBe(true);
    expect(made).toBeLessThan(5);
  });

  it('writes an empty archive as just the end record', async () => {
    const bytes = await zipBytes([]);
    expect(bytes.length).toBe(22);
    expect(readZip(bytes).size).toBe(0);
  });
});
