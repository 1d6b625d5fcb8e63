import { subscribeInTransaction } from '../../domain-events/bus';
import { composeMail } from '../compose';
import { enqueueMail } from '../outbox';
import { pdfUrl, verifyPath } from '../../certificates/view-models';

/**
 * Each holder of a certificate of completion gets its links, one letter per certificate, at the address the
 * participant was listed with (a participant has no account). In Russian, as the certificate itself: a
 * delegate from abroad reads it with the Russian document in hand.
 */

interface Issued {
  id: number;
  number: string;
  code: string;
  holderName: string;
  email: string;
  track: string | null;
}

subscribeInTransaction('certificates.issued', async (e, m) => {
  if (e.kind !== 'completion') return;
  const rows: Issued[] = await m.query(
    `SELECT x.id, x.number, x.code, x.holder_name AS "holderName", p.email, x.printed->>'track.name' AS track
       FROM certificate x JOIN participant p ON p.id = x.participant_id
      WHERE x.id = ANY($1::int[]) AND x.revoked_at IS NULL AND p.email <> ''
      ORDER BY x.seq`,
    [e.certificates.map((c) => c.id)],
  );
  if (!rows.length) return;
  const [cycle]: Array<{ name: string }> = await m.query(`SELECT name FROM cycle WHERE id = $1`, [e.cycleId]);
  for (const r of rows) {
    const data = { recipientName: r.holderName, cycleName: cycle.name, trackName: r.track ?? '', number: r.number, verifyPath: verifyPath(r.code), pdfPath: pdfUrl(r.code) };
    await enqueueMail(m, {
      kind: 'certificate_completion',
      to: { userId: null, email: r.email, name: r.holderName },
      language: 'ru',
      idempotencyKey: `certificate_completion:certificate:${r.id}`,
      content: composeMail('certificate_completion', 'ru', data),
      cycleId: e.cycleId,
    });
  }
});
