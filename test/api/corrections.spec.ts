/** Correcting a fact recorded wrong (issue 10), over HTTP on the real system. */
import { FactCorrectionEntity, NotificationEntity } from '../../db/entities';
import { shanghaiDateOf, WorkingCalendar } from '../../domain';
import { useSystem } from './api-harness';

const system = useSystem();
const cal = WorkingCalendar.standard();
const today = shanghaiDateOf(Date.now());
const as = async (who: string) => ({ Authorization: `Bearer ${await system.token(who)}` });

async function project(name: string, signedOn: string): Promise<string> {
  const res = await system
    .http()
    .post('/api/v1/projects')
    .set(await as('operator'))
    .send({ departmentId: 'dept-a', name, policy: 'shandong', planYear: 2027, investment: 2_400_000 })
    .expect(201);
  await system
    .http()
    .post(`/api/v1/projects/${res.body.id}/events`)
    .set(await as('dept-a'))
    .send({ type: 'contract.signed', on: signedOn })
    .expect(200);
  return res.body.id as string;
}

const detail = async (id: string) =>
  (
    await system
      .http()
      .get(`/api/v1/projects/${id}`)
      .set(await as('operator'))
      .expect(200)
  ).body;

const filingDue = async (id: string) =>
  (await detail(id)).obligations.find((o: { key: string }) => o.key === 'contract.filing').dueOn;

it('request → approve: the filing moves, the overdue notice already sent gets a 【更正】, every step audited', async () => {
  const typedOn = cal.subtractWorkingDays(today, 12);
  const id = await project('更正测试项目', typedOn);
  const notices = system.dataSource.getRepository(NotificationEntity);
  const overdue = await notices.findOneByOrFail({ projectId: id, kind: 'overdue-notice' });
  await notices.update({ id: overdue.id }, { fannedOutAt: new Date() });

  const rightOn = cal.subtractWorkingDays(today, 1);
  const asked = await system
    .http()
    .post(`/api/v1/projects/${id}/facts/0/corrections`)
    .set(await as('dept-a'))
    .send({ kind: 'date', on: rightOn, reason: '合同签订日期录入错误' })
    .expect(201);
  expect(asked.body).toMatchObject({ status: 'pending', before: { on: typedOn }, after: { on: rightOn } });
  const cid = asked.body.id as string;

  // A department cannot approve its own request (403, audited); another department does not see it (404).
  await system
    .http()
    .post(`/api/v1/corrections/${cid}/approve`)
    .set(await as('dept-a'))
    .send({ reason: '同意' })
    .expect(403);
  await system
    .http()
    .post(`/api/v1/corrections/${cid}/approve`)
    .set(await as('dept-b'))
    .send({ reason: '同意' })
    .expect(404);
  const pending = await system
    .http()
    .get('/api/v1/corrections?status=pending')
    .set(await as('operator'))
    .expect(200);
  expect(pending.body.items.map((c: { id: string }) => c.id)).toContain(cid);
  const others = await system
    .http()
    .get('/api/v1/corrections')
    .set(await as('dept-b'))
    .expect(200);
  expect(others.body.items.map((c: { id: string }) => c.id)).not.toContain(cid);
  await system
    .http()
    .get('/api/v1/corrections?status=nope')
    .set(await as('operator'))
    .expect(400);

  const approved = await system
    .http()
    .post(`/api/v1/corrections/${cid}/approve`)
    .set(await as('operator'))
    .send({ reason: '核对合同原件无误' })
    .expect(200);
  expect(approved.body.status).toBe('applied');
  const newDue = cal.addWorkingDays(rightOn, 5);
  expect(await filingDue(id)).toBe(newDue);
  await system
    .http()
    .post(`/api/v1/corrections/${cid}/approve`)
    .set(await as('operator'))
    .send({ reason: '再次' })
    .expect(409);

  const told = await notices.findBy({ projectId: id, kind: 'correction' });
  expect(told).toHaveLength(1);
  expect(told[0]?.audience).toBe(overdue.audience);
  expect((told[0]?.payload as { message: string }).message).toContain(`由 ${typedOn} 更正为 ${rightOn}`);

  const body = await detail(id);
  expect(body.facts[0]).toMatchObject({
    on: rightOn,
    history: {
      original: { on: typedOn },
      corrections: [
        { status: 'applied', reason: '合同签订日期录入错误', decisionReason: '核对合同原件无误' },
      ],
    },
  });
  const actions = body.audit.map((a: { action: string }) => a.action);
  expect(actions).toEqual(
    expect.arrayContaining([
      'correction.requested',
      'correction.decision-forbidden',
      'correction.approved',
      'correction.applied',
    ]),
  );
  const applied = body.audit.find((a: { action: string }) => a.action === 'correction.applied');
  expect(applied.details).toMatchObject({ before: { on: typedOn }, after: { on: rightOn } });
  expect(applied.details.obligations).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ key: 'contract.filing', after: expect.objectContaining({ dueOn: newDue }) }),
    ]),
  );
});

it('refused: the fact stays as recorded, the refusal audited with before and after', async () => {
  const signedOn = cal.subtractWorkingDays(today, 2);
  const id = await project('驳回测试项目', signedOn);
  const asked = await system
    .http()
    .post(`/api/v1/projects/${id}/facts/0/corrections`)
    .set(await as('dept-a'))
    .send({ kind: 'withdraw', reason: '误录' })
    .expect(201);
  const refused = await system
    .http()
    .post(`/api/v1/corrections/${asked.body.id}/refuse`)
    .set(await as('operator'))
    .send({ reason: '合同确已签订' })
    .expect(200);
  expect(refused.body).toMatchObject({ status: 'refused', decisionReason: '合同确已签订' });
  const body = await detail(id);
  expect(body.facts).toHaveLength(1);
  expect(body.facts[0].history.corrections[0]).toMatchObject({ status: 'refused' });
  const entry = body.audit.find((a: { action: string }) => a.action === 'correction.refused');
  expect(entry.details).toMatchObject({ before: { status: 'pending' }, after: { status: 'refused' } });
});

it('an administrator corrects directly; a correction the engine refuses is 422 in Chinese and changes nothing', async () => {
  const id = await project('直接更正测试项目', cal.subtractWorkingDays(today, 3));
  await system
    .http()
    .post(`/api/v1/projects/${id}/facts/0/correct`)
    .set(await as('dept-a'))
    .send({ kind: 'date', on: today, reason: 'x' })
    .expect(403);
  const rightOn = cal.subtractWorkingDays(today, 2);
  const direct = await system
    .http()
    .post(`/api/v1/projects/${id}/facts/0/correct`)
    .set(await as('admin'))
    .send({ kind: 'date', on: rightOn, reason: '录入错误' })
    .expect(200);
  expect(direct.body.status).toBe('applied');
  expect(await filingDue(id)).toBe(cal.addWorkingDays(rightOn, 5));

  await system
    .http()
    .post(`/api/v1/projects/${id}/events`)
    .set(await as('dept-a'))
    .send({ type: 'contract.filed', on: today })
    .expect(200);
  const before = await detail(id);
  const refused = await system
    .http()
    .post(`/api/v1/projects/${id}/facts/0/correct`)
    .set(await as('admin'))
    .send({ kind: 'withdraw', reason: '误录' })
    .expect(422);
  expect(refused.body.detail).toMatch(/^撤回「签订合同」.*未予更正：「合同备案」/);
  const english = await system
    .http()
    .post(`/api/v1/projects/${id}/facts/0/correct`)
    .set(await as('admin'))
    .set('Accept-Language', 'en')
    .send({ kind: 'withdraw', reason: '误录' })
    .expect(422);
  expect(english.body.detail).toMatch(
    /^withdrawing contract\.signed \(\d{4}-\d{2}-\d{2}\) would contradict the record.*contract\.filed/,
  );
  expect(english.body.detail).not.toMatch(/[\u4e00-\u9fff]/);
  const after = await detail(id);
  expect(after.facts).toEqual(before.facts);
  expect(after.obligations).toEqual(before.obligations);
  expect(
    await system.dataSource.getRepository(FactCorrectionEntity).countBy({ projectId: id, status: 'pending' }),
  ).toBe(0);
});
