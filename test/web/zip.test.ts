import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buffer } from 'node:stream/consumers';
import { zipStream } from '../../src/web/zip';
import { readZip } from '../support/zip-reader';

describe('the streaming ZIP writer', () => {
  it('writes entries a ZIP reader gets back byte for byte, with UTF-8 names and checked CRCs', async () => {
    const random = crypto.randomBytes(1_000_000); // incompressible: deflate makes it a little larger
    const chunks = Array.from({ length: 40 }, (_, i) => Buffer.from(`строка ${i}\n`.repeat(500)));
    const bytes = await buffer(zipStream([
      { name: 'a.txt', content: 'привет' },
      { name: 'пусто.txt', content: '' },
      { name: 'dir/random.bin', content: random },
      { name: 'dir/chunks.txt', content: chunks },
    ]));
    const files = readZip(bytes);
    expect([...files.keys()]).toEqual(['a.txt', 'пусто.txt', 'dir/random.bin', 'dir/chunks.txt']);
    expect(files.get('a.txt')!.toString('utf8')).toBe('привет');
    expect(files.get('пусто.txt')!.length).toBe(0);
    expect(Buffer.compare(files.get('dir/random.bin')!, random)).toBe(0);
    expect(files.get('dir/chunks.txt')!.toString('utf8')).toBe(Buffer.concat(chunks).toString('utf8'));
  });

  it('has its Cyrillic names listed as written by Info-ZIP\'s unzip (Debian\'s), which trusts the UTF-8 flag only from a Unix host', async () => {
    const names = ['PED-2026-0007 Иванова М.П..pdf', 'Дипломы/Ёлкина Й.С..pdf'];
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zip-'));
    try {
      fs.writeFileSync(path.join(dir, 'a.zip'), await buffer(zipStream(names.map((name) => ({ name, content: 'x' })))));
      const listed = execFileSync('unzip', ['-Z1', path.join(dir, 'a.zip')], { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C.UTF-8' } });
      expect(listed.trim().split('\n')).toEqual(names);
      // and extracted as ordinary readable files (a Unix host's entries carry their permissions)
      execFileSync('unzip', ['-q', path.join(dir, 'a.zip'), '-d', path.join(dir, 'out')], { env: { ...process.env, LC_ALL: 'C.UTF-8' } });
      expect(fs.readFileSync(path.join(dir, 'out', names[1]), 'utf8')).toBe('x');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('writes an empty archive as just the end record', async () => {
    const bytes = await buffer(zipStream([]));
    expect(bytes.length).toBe(22);
    expect(readZip(bytes).size).toBe(0);
  });
});
