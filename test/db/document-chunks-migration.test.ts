import crypto from 'node:crypto';
import { useTestApp } from '../support/harness';
import { createCycle, createNomination, municipalityId, userId } from '../support/fixtures';
import { DocumentChunks1796500070000 } from '../../migrations/1796500070000-DocumentChunks';

describe('the migration to documents in pieces', () => {
  const t = useTestApp();

  it('moves every existing document’s bytes into 256 KB pieces, in order, and drops the old column', async () => {
    const { cycle, categories } = await createCycle(t.ds);
    const n = await createNomination(t.ds, { cycleId: cycle.id, categoryId: categories[0].id, municipalityId: await municipalityId(t.ds, 'Красногорск'), authorId: await userId(t.ds, 'officer@example.org') });
    const big = crypto.randomBytes(256 * 1024 * 2 + 17);
    const small = Buffer.from('%PDF-1.4\n%%EOF\n');
    const migration = new DocumentChunks1796500070000();
    const runner = t.ds.createQueryRunner();
    try {
      // the schema as it was before: the bytes in attachment.data
      await migration.down(runner);
      for (const [name, data] of [['big.pdf', big], ['small.pdf', small]] as const) {
        await runner.query(`INSERT INTO attachment (nomination_id, kind, file_name, mime, size, sha256, data) VALUES ($1, 'other', $2, 'application/pdf', $3, 'x', $4)`, [n.id, name, data.length, data]);
      }
      await migration.up(runner);
    } finally {
      if (!(await runner.hasTable('attachment_chunk'))) await migration.up(runner);
      await runner.release();
    }

    const pieces = await t.ds.query(
      `SELECT a.file_name AS name, c.seq, length(c.data) AS bytes FROM attachment a JOIN attachment_chunk c ON c.attachment_id = a.id ORDER BY a.file_name, c.seq`,
    );
    expect(pieces).toEqual([
      { name: 'big.pdf', seq: 0, bytes: 262144 },
      { name: 'big.pdf', seq: 1, bytes: 262144 },
      { name: 'big.pdf', seq: 2, bytes: 17 },
      { name: 'small.pdf', seq: 0, bytes: small.length },
    ]);
    const [whole] = await t.ds.query(`SELECT string_agg(c.data, ''::bytea ORDER BY c.seq) AS data FROM attachment a JOIN attachment_chunk c ON c.attachment_id = a.id WHERE a.file_name = 'big.pdf'`);
    expect(Buffer.compare(whole.data, big)).toBe(0);
    expect(await t.ds.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'attachment' AND column_name = 'data'`)).toEqual([]);
  });

  it('removes a document’s pieces with the document', async () => {
    await t.ds.query(`DELETE FROM attachment`);
    expect((await t.ds.query(`SELECT count(*)::int AS n FROM attachment_chunk`))[0].n).toBe(0);
  });
});
