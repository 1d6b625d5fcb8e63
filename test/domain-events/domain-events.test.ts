import type { EntityManager } from 'typeorm';
import { useTestApp, signIn } from '../support/harness';
import { createCycle, createNomination, municipalityId, userId } from '../support/fixtures';
import { completeFields, postForm } from '../support/officer-forms';
import { createJudgingScene } from '../support/jury-fixtures';
import { createResultsScene, adminOf } from '../results/scene';
import { publish, subscribeAfterCommit, subscribeInTransaction } from '../../src/domain-events';
import { decideNomination } from '../../src/nominations/screening';
import { runAssignment } from '../../src/jury/assignments';
import { approveResults } from '../../src/results/approval';
import { publishResults } from '../../src/results/publication';

/**
 * Domain events: heard inside the transaction of the change (with its manager, so what a subscriber
 * writes commits or rolls back with it), and after the commit; never after a rollback.
 */
describe('domain events', () => {
  const t = useTestApp();
  const unsubscribe: Array<() => void> = [];
  afterEach(() => unsubscribe.splice(0).forEach((u) => u()));
  const cycleVersion = async (id: number) => (await t.ds.query(`SELECT version FROM cycle WHERE id = $1`, [id]))[0].version as number;

  it('announce a submission inside its transaction, where the subscriber sees the new status, and again after the commit', async () => {
    const heard: string[] = [];
    unsubscribe.push(subscribeInTransaction('nomination.submitted', async (e, m: EntityManager) => {
      const [row] = await m.query(`SELECT status FROM nomination WHERE id = $1`, [e.nominationId]);
      heard.push(`in transaction: ${row.status} from ${e.from}`);
      // a mail would be queued like this: in the same transaction
      await m.query(`INSERT INTO audit_event (actor_id, entity, entity_id, action) VALUES ($1, 'mail', $2, 'mail.queued')`, [e.actorId, String(e.nominationId)]);
    }));
    unsubscribe.push(subscribeAfterCommit('nomination.submitted', (e) => heard.push(`after commit: ${e.nominationId}`)));
    const { cycle, categories } = await createCycle(t.ds);
    const officer = await signIn(t.app, 'officer@example.org');
    const res = await postForm(officer.agent, `/officer/cycles/${cycle.id}/nominations`, officer.csrf, { ...completeFields(categories[0].id), action: 'submit' });
    expect(res.status).toBe(303);
    const id = Number(/(\d+)$/.exec(res.headers.location)![1]);
    expect(heard).toEqual(['in transaction: submitted from draft', `after commit: ${id}`]);
    expect(await t.ds.query(`SELECT action FROM audit_event WHERE entity = 'mail' AND entity_id = $1`, [String(id)])).toEqual([{ action: 'mail.queued' }]);
  });

  it('send nothing when the transaction rolls back: the subscriber\'s writes are undone and no after-commit subscriber runs', async () => {
    const heard: string[] = [];
    unsubscribe.push(subscribeInTransaction('results.published', async (e, m) => {
      heard.push('in transaction');
      await m.query(`INSERT INTO audit_event (actor_id, entity, entity_id, action) VALUES (NULL, 'mail', $1, 'mail.queued')`, [`rolled-back-${e.cycleId}`]);
    }));
    unsubscribe.push(subscribeAfterCommit('results.published', () => heard.push('after commit')));
    await expect(t.ds.transaction(async (m) => {
      await publish(m, 'results.published', { cycleId: 4242, actorId: 1, at: new Date() });
      throw new Error('the action failed after announcing');
    })).rejects.toThrow('the action failed after announcing');
    expect(heard).toEqual(['in transaction']);
    expect(await t.ds.query(`SELECT 1 FROM audit_event WHERE entity_id = 'rolled-back-4242'`)).toEqual([]);
  });

  it('drop what a rolled-back savepoint announced, and keep what the outer transaction commits', async () => {
    const heard: number[] = [];
    unsubscribe.push(subscribeAfterCommit('results.unpublished', (e) => heard.push(e.cycleId)));
    await t.ds.transaction(async (m) => {
      await publish(m, 'results.unpublished', { cycleId: 1, actorId: 1, reason: 'x', at: new Date() });
      await m.transaction(async (inner) => {
        await publish(inner, 'results.unpublished', { cycleId: 2, actorId: 1, reason: 'x', at: new Date() });
        throw new Error('inner fails');
      }).catch(() => undefined);
      await m.transaction(async (inner) => publish(inner, 'results.unpublished', { cycleId: 3, actorId: 1, reason: 'x', at: new Date() }));
      expect(heard).toEqual([]);
    });
    expect(heard).toEqual([1, 3]);
  });

  it('roll the change back when an in-transaction subscriber fails', async () => {
    unsubscribe.push(subscribeInTransaction('nomination.decided', () => {
      throw new Error('outbox unavailable');
    }));
    const { cycle, categories } = await createCycle(t.ds);
    const n = await createNomination(t.ds, { cycleId: cycle.id, categoryId: categories[0].id, municipalityId: await municipalityId(t.ds, 'Красногорск'), authorId: await userId(t.ds, 'officer@example.org'), status: 'submitted' });
    await expect(t.ds.transaction((m) => decideNomination(m, 1, n.id, 'accept', '', null))).rejects.toThrow('outbox unavailable');
    expect((await t.ds.query(`SELECT status, version FROM nomination WHERE id = $1`, [n.id]))[0]).toEqual({ status: 'submitted', version: 1 });
    expect(await t.ds.query(`SELECT 1 FROM audit_event WHERE entity = 'nomination' AND entity_id = $1`, [String(n.id)])).toEqual([]);
  });

  it('announce a return with its reason and a decision with the new status', async () => {
    const events: unknown[] = [];
    unsubscribe.push(subscribeInTransaction('nomination.returned', (e) => void events.push({ returned: e.nominationId, reason: e.reason })));
    unsubscribe.push(subscribeInTransaction('nomination.decided', (e) => void events.push({ decided: e.nominationId, status: e.status })));
    const { cycle, categories } = await createCycle(t.ds);
    const krasnogorsk = await municipalityId(t.ds, 'Красногорск');
    const officerId = await userId(t.ds, 'officer@example.org');
    const a = await createNomination(t.ds, { cycleId: cycle.id, categoryId: categories[0].id, municipalityId: krasnogorsk, authorId: officerId, status: 'submitted', nominee: { lastName: 'Первая' } });
    const b = await createNomination(t.ds, { cycleId: cycle.id, categoryId: categories[0].id, municipalityId: krasnogorsk, authorId: officerId, status: 'submitted', nominee: { lastName: 'Вторая' } });
    const adminId = await adminOf(t.ds);
    await t.ds.transaction((m) => decideNomination(m, adminId, a.id, 'return', 'Нет подписи', 1));
    await t.ds.transaction((m) => decideNomination(m, adminId, b.id, 'reject', 'Не та номинация', 1));
    expect(events).toEqual([{ returned: a.id, reason: 'Нет подписи' }, { decided: b.id, status: 'rejected' }]);
  });

  it('announce jurors assigned, results published and the diplomas issued with them', async () => {
    const heard: string[] = [];
    unsubscribe.push(subscribeInTransaction('jury.assigned', (e) => void heard.push(`assigned ${e.assignments.length} in category ${e.categoryId}`)));
    unsubscribe.push(subscribeAfterCommit('results.published', (e) => void heard.push(`published ${e.cycleId}`)));
    unsubscribe.push(subscribeInTransaction('certificates.issued', (e) => void heard.push(`issued ${e.certificates.length} ${e.kind}`)));
    const adminId = await adminOf(t.ds);

    const judging = await createJudgingScene(t.ds, { municipalities: ['Красногорск', 'Щёлково'] });
    await t.ds.transaction((m) => runAssignment(m, adminId, judging.category.id));
    expect(heard).toEqual([`assigned 6 in category ${judging.category.id}`]);

    const scene = await createResultsScene(t.ds, { municipalities: ['Красногорск', 'Щёлково'], cards: [[0, 0, [9, 9, 9]], [1, 0, [9, 9, 9]], [0, 1, [3, 3, 3]], [1, 1, [3, 3, 3]]] });
    // the version is read before each transaction: inside it only its own manager may be used
    const approving = await cycleVersion(scene.cycle.id);
    expect(await t.ds.transaction((m) => approveResults(m, scene.cycle.id, approving, adminId))).toEqual({ ok: true });
    const publishing = await cycleVersion(scene.cycle.id);
    expect(await t.ds.transaction((m) => publishResults(m, scene.cycle.id, publishing, adminId))).toEqual({ ok: true });
    expect(heard.slice(1)).toEqual(['issued 1 winner', `published ${scene.cycle.id}`]);
  });
});
