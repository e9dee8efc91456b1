/** Facts entered long after they happened (补录) are allowed and shown as such, with both dates. */
import { randomUUID } from 'node:crypto';
import { AuditEntryEntity } from '../../db/entities';
import { addDays, shanghaiDateOf } from '../../domain';
import { useSystem } from './api-harness';

const system = useSystem();
const as = async (who: string) => ({ Authorization: `Bearer ${await system.token(who)}` });
const today = shanghaiDateOf(Date.now());

it('marks a backdated fact in the project, the audit trail and oversight', async () => {
  const dept = await as('dept-a');
  const name = `补录标记项目-${randomUUID().slice(0, 6)}`;
  const project = await system
    .http()
    .post('/api/v1/projects')
    .set(dept)
    .send({
      name,
      policy: 'shandong',
      planYear: 2026,
      investment: 3_500_000,
      events: [{ type: 'contract.signed', on: '2026-08-03' }],
    })
    .expect(201);
  const id = project.body.id as string;
  await system
    .http()
    .post(`/api/v1/projects/${id}/events`)
    .set(dept)
    .send({ type: 'contract.filed', on: '2026-08-07' })
    .expect(200);
  const recent = addDays(today, -2);
  await system
    .http()
    .post(`/api/v1/projects/${id}/changes`)
    .set(dept)
    .send({ on: recent, amount: 1, newTotal: 3_500_000 })
    .expect(200);
  const detail = await system.http().get(`/api/v1/projects/${id}`).set(dept).expect(200);
  const lateBy = (on: string) => Math.round((Date.parse(today) - Date.parse(on)) / 86_400_000);
  expect(detail.body.facts.map((f: object) => f)).toEqual([
    expect.objectContaining({
      type: 'contract.signed',
      on: '2026-08-03',
      recordedOn: today,
      daysRecordedLate: lateBy('2026-08-03'),
    }),
    expect.objectContaining({
      type: 'contract.filed',
      on: '2026-08-07',
      recordedOn: today,
      daysRecordedLate: lateBy('2026-08-07'),
    }),
    expect.objectContaining({
      type: 'change.requested',
      on: recent,
      recordedOn: today,
      daysRecordedLate: null,
    }),
  ]);
  const audit = await system.dataSource
    .getRepository(AuditEntryEntity)
    .findOneOrFail({ where: { projectId: id, action: 'fact.contract.filed' } });
  expect(audit.details).toMatchObject({
    recordedLate: { on: '2026-08-07', recordedOn: today, days: lateBy('2026-08-07') },
  });

  const oversight = await system
    .http()
    .get('/api/v1/oversight/late-records')
    .query({ department: 'dept-a', pageSize: 200 })
    .set(await as('operator'))
    .expect(200);
  const ours = oversight.body.items.filter((i: { projectId: string }) => i.projectId === id);
  expect(ours.map((i: { fact: string }) => i.fact).sort()).toEqual(['contract.filed', 'contract.signed']);
  expect(ours).toHaveLength(2);
  expect(ours[0]).toMatchObject({
    projectName: name,
    departmentId: 'dept-a',
    recordedOn: today,
    factTitle: expect.any(String),
  });
  // Another department sees none of it, and naming dept-a is the one scope answer.
  const other = await system
    .http()
    .get('/api/v1/oversight/late-records')
    .set(await as('dept-b'))
    .expect(200);
  expect(other.body.items.some((i: { projectId: string }) => i.projectId === id)).toBe(false);
  await system
    .http()
    .get('/api/v1/oversight/late-records')
    .query({ department: 'dept-a' })
    .set(await as('dept-b'))
    .expect(404);
});
