/** A department's whole journey over HTTP, on the real system. */
import { shanghaiDateOf, WorkingCalendar } from '../../domain';
import { useSystem } from './api-harness';

const system = useSystem();
const calendar = WorkingCalendar.standard();

it('a department registers a project and goes from contract to operation, the bureau accepting it', async () => {
  const token = await system.token('dept-a');
  const auth = { Authorization: `Bearer ${token}` };
  const created = await system
    .http()
    .post('/api/v1/projects')
    .set(auth)
    .send({ name: '一网通办平台升级', policy: 'shandong', planYear: 2027, investment: 3_500_000 })
    .expect(201);
  expect(created.body).toMatchObject({ departmentId: 'dept-a', policyId: 'shandong', status: 'active' });
  const id = created.body.id as string;

  const signedOn = shanghaiDateOf(Date.now());
  const recorded = await system
    .http()
    .post(`/api/v1/projects/${id}/events`)
    .set(auth)
    .set('Idempotency-Key', 'contract-1')
    .send({ type: 'contract.signed', on: signedOn })
    .expect(200);
  const filing = recorded.body.obligations.find((o: { key: string }) => o.key === 'contract.filing');
  expect(filing).toMatchObject({
    dueOn: calendar.addWorkingDays(signedOn, 5),
    status: 'open',
    basis: 'Shandong 第十三条',
  });

  const retried = await system
    .http()
    .post(`/api/v1/projects/${id}/events`)
    .set(auth)
    .set('Idempotency-Key', 'contract-1')
    .send({ type: 'contract.signed', on: signedOn })
    .expect(200);
  expect(retried.body.factIndex).toBe(recorded.body.factIndex);

  const detail = await system.http().get(`/api/v1/projects/${id}`).set(auth).expect(200);
  expect(detail.body.facts).toHaveLength(1);
  expect(detail.body.obligations.map((o: { key: string }) => o.key)).toContain('contract.filing');
  expect(detail.body.audit.map((a: { action: string }) => a.action)).toEqual([
    'project.registered',
    'fact.contract.signed',
  ]);

  const refused = await system
    .http()
    .post(`/api/v1/projects/${id}/events`)
    .set(auth)
    .send({ type: 'contract.filed', on: '2099-01-01' })
    .expect(422);
  expect(refused.headers['content-type']).toContain('application/problem+json');
  expect(refused.body).toMatchObject({ code: 'in-future', title: '无法办理' });
  expect(refused.body.detail).toContain('晚于今天');

  const other = await system.token('dept-b');
  await system
    .http()
    .get(`/api/v1/projects/${id}`)
    .set({ Authorization: `Bearer ${other}` })
    .expect(404);
});
