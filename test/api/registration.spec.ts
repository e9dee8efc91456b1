/**
 * Registration in one call: with the facts that already happened and no transient alarm, answered with
 * the obligations at once, the same Idempotency-Key never making two projects, a half-done attempt
 * completed by its retry, and a refused fact leaving nothing behind.
 */
import { randomUUID } from 'node:crypto';
import { NotificationEntity, ProjectEntity } from '../../db/entities';
import { projectIdFor } from '../../apps/api/projects/registration.service';
import { saveHistory } from '../workflows/histories';
import { useSystem } from './api-harness';

const system = useSystem();
const as = async (who: string) => ({ Authorization: `Bearer ${await system.token(who)}` });
const register = async (body: object, key?: string) =>
  system
    .http()
    .post('/api/v1/projects')
    .set(await as('dept-a'))
    .set(key ? { 'Idempotency-Key': key } : {})
    .send(body);

const shandong = (name: string, events: object[] = []) => ({
  name,
  policy: 'shandong',
  planYear: 2026,
  investment: 3_500_000,
  events,
});

it('takes the facts that already happened and announces nothing they settle', async () => {
  const name = `补录登记项目-${randomUUID().slice(0, 6)}`;
  const res = await register(
    shandong(name, [
      { type: 'contract.signed', on: '2026-08-03' },
      { type: 'contract.filed', on: '2026-08-07' },
    ]),
  );
  expect(res.status).toBe(201);
  const filing = res.body.obligations.find((o: { key: string }) => o.key === 'contract.filing');
  expect(filing).toMatchObject({ status: 'met', metOn: '2026-08-07', dueOn: '2026-08-10' });
  expect(res.body.facts.map((f: { type: string }) => f.type)).toEqual(['contract.signed', 'contract.filed']);
  // Wait for anything the first evaluation might have written: no overdue notice about the filing.
  await new Promise((r) => setTimeout(r, 500));
  const notices = await system.dataSource
    .getRepository(NotificationEntity)
    .findBy({ projectId: res.body.id, obligationKey: 'contract.filing' });
  expect(notices).toEqual([]);
  // The registration path (history and the registered update together with the start).
  await saveHistory('shandong-registration', system.env.client.workflow.getHandle(`project-${res.body.id}`));
});

it('refuses a fact the regulation refuses, naming it, and creates nothing', async () => {
  const name = `拒绝登记项目-${randomUUID().slice(0, 6)}`;
  const res = await register(shandong(name, [{ type: 'contract.filed', on: '2026-08-07' }]));
  expect(res.status).toBe(422);
  expect(res.body.detail).toContain('「events[0]」（contract.filed，2026-08-07）');
  expect(await system.dataSource.getRepository(ProjectEntity).countBy({ name })).toBe(0);
  const bad = await register(shandong(name, [{ type: 'contract.signed', on: '2026-09-31' }]));
  expect(bad.status).toBe(400);
  expect(bad.body.detail).toContain('「events[0].on」不是有效的日期');
  const bureauAct = await register(shandong(name, [{ type: 'acceptance.passed', on: '2026-08-07' }]));
  expect(bureauAct.status).toBe(403);
  expect(await system.dataSource.getRepository(ProjectEntity).countBy({ name })).toBe(0);
});

it('registers one project for one Idempotency-Key, however often and however concurrently', async () => {
  const key = `reg-${randomUUID()}`;
  const name = `幂等登记项目-${randomUUID().slice(0, 6)}`;
  const answers = await Promise.all(Array.from({ length: 4 }, () => register(shandong(name), key)));
  expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201]);
  expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
  const again = await register(shandong(name), key);
  expect(again.body.id).toBe(answers[0]?.body.id);
  expect(await system.dataSource.getRepository(ProjectEntity).countBy({ name })).toBe(1);
  // The same key for another project is a mistake, said as such.
  const other = await register(shandong(`${name}-另一个`), key);
  expect(other.status).toBe(409);
});

it('answers every registration with its obligations, eight at a time', async () => {
  const prefix = `并发登记-${randomUUID().slice(0, 6)}`;
  const answers = await Promise.all(
    Array.from({ length: 8 }, (_, i) =>
      // A Jinhu project owes its plan filing from the start: an empty answer would be a wrong one.
      register({
        name: `${prefix}-${i}`,
        policy: 'jinhu',
        planYear: 2027,
        investment: 900_000,
        category: 'general',
        allowOutOfForce: true,
      }),
    ),
  );
  for (const a of answers) {
    if (a.status !== 201) throw new Error(JSON.stringify(a.body));
    expect(a.body.status).toBe('active');
    expect(a.body.obligations.map((o: { key: string }) => o.key)).toContain('plan.filing');
  }
});

it('completes a first attempt that stopped after writing its row', async () => {
  const key = `half-${randomUUID()}`;
  const name = `中断登记项目-${randomUUID().slice(0, 6)}`;
  const userId = (await system.dataSource.query(`SELECT id FROM users WHERE username = 'dept-a'`))[0].id;
  const id = projectIdFor(userId, key);
  // What a crash between the row and the workflow leaves: a row nobody lists, and no workflow.
  await system.dataSource.getRepository(ProjectEntity).insert({
    id,
    name,
    departmentId: 'dept-a',
    policyId: 'shandong',
    policyVersion: '1',
    attributes: {
      planYear: 2026,
      investment: 3_500_000,
      registeredOn: '2026-11-20',
      plannedAcceptanceOn: null,
    },
    status: 'registering',
    flags: [],
    workflowId: `project-${id}`,
  });
  const list = await system
    .http()
    .get('/api/v1/projects')
    .query({ q: name })
    .set(await as('dept-a'));
  expect(list.body.total).toBe(0);
  const res = await register(shandong(name), key);
  expect(res.status).toBe(201);
  expect(res.body).toMatchObject({ id, status: 'active' });
  expect(res.body.attributes.registeredOn).toBe('2026-11-20');
  expect(res.body.facts).toEqual([]);
  await system.env.client.workflow.getHandle(`project-${id}`).describe();
});
