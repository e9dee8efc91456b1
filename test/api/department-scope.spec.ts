/**
 * One department-scope answer on every route that takes a department: another department and an
 * unknown one both answer 404 (and the refusal is audited); bureau staff who name none get 400.
 */
import { AuditEntryEntity } from '../../db/entities';
import { useSystem } from './api-harness';

const system = useSystem();
const as = async (who: string) => ({ Authorization: `Bearer ${await system.token(who)}` });

describe('one department-scope answer', () => {
  const planYear = 2031;
  const routes: {
    name: string;
    call: (dept: string) => Promise<{ status: number; body: { title: string; detail: string } }>;
  }[] = [
    {
      name: 'GET /projects?department=',
      call: async (d) =>
        system
          .http()
          .get(`/api/v1/projects?department=${d}`)
          .set(await as('dept-b')),
    },
    {
      name: 'GET /oversight/overdue?department=',
      call: async (d) =>
        system
          .http()
          .get(`/api/v1/oversight/overdue?department=${d}`)
          .set(await as('dept-b')),
    },
    {
      name: 'GET /oversight/plan-filings?department=',
      call: async (d) =>
        system
          .http()
          .get(`/api/v1/oversight/plan-filings?year=${planYear}&department=${d}`)
          .set(await as('dept-b')),
    },
    {
      name: 'POST /projects',
      call: async (d) =>
        system
          .http()
          .post('/api/v1/projects')
          .set(await as('dept-b'))
          .send({ departmentId: d, name: '越权登记', policy: 'jilin', planYear: 2027, investment: 1 }),
    },
    {
      name: 'POST /plan-filings',
      call: async (d) =>
        system
          .http()
          .post('/api/v1/plan-filings')
          .set(await as('dept-b'))
          .send({ policy: 'jinhu', planYear, departmentId: d }),
    },
    {
      name: 'POST /calendar/feeds',
      call: async (d) =>
        system
          .http()
          .post('/api/v1/calendar/feeds')
          .set(await as('dept-b'))
          .send({ departmentId: d }),
    },
    {
      name: 'GET /departments/:id/channels',
      call: async (d) =>
        system
          .http()
          .get(`/api/v1/departments/${d}/channels`)
          .set(await as('dept-b')),
    },
    {
      name: 'PUT /departments/:id/channels',
      call: async (d) =>
        system
          .http()
          .put(`/api/v1/departments/${d}/channels`)
          .set(await as('dept-b'))
          .send({ emails: [] }),
    },
  ];

  it.each(routes.map((r) => [r.name, r] as const))(
    '%s: another department and an unknown one both answer 404',
    async (_name, route) => {
      const refused = () =>
        system.dataSource
          .getRepository(AuditEntryEntity)
          .countBy({ actorId: 'user-dept-b', action: 'department.refused' });
      const before = await refused();
      const other = await route.call('dept-a');
      const unknown = await route.call('dept-nowhere');
      expect([other.status, unknown.status]).toEqual([404, 404]);
      expect(other.body.title).toBe(unknown.body.title);
      expect(other.body.detail).toContain('dept-a');
      // Each refused attempt is audited.
      expect(await refused()).toBe(before + 2);
    },
  );

  it('bureau staff naming an unknown department get 404, and 400 when they name none', async () => {
    const op = await as('operator');
    const unknown = [
      system.http().get('/api/v1/oversight/overdue?department=dept-nowhere').set(op),
      system.http().get('/api/v1/projects?department=dept-nowhere').set(op),
      system.http().get('/api/v1/departments/dept-nowhere/channels').set(op),
      system.http().post('/api/v1/projects').set(op).send({
        departmentId: 'dept-nowhere',
        name: '无此部门',
        policy: 'jilin',
        planYear: 2027,
        investment: 1,
      }),
      system
        .http()
        .post('/api/v1/plan-filings')
        .set(op)
        .send({ policy: 'jinhu', planYear, departmentId: 'dept-nowhere' }),
      system.http().post('/api/v1/calendar/feeds').set(op).send({ departmentId: 'dept-nowhere' }),
    ];
    for (const res of await Promise.all(unknown)) expect(res.status).toBe(404);
    const missing = [
      system
        .http()
        .post('/api/v1/projects')
        .set(op)
        .send({ name: '无部门', policy: 'jilin', planYear: 2027, investment: 1 }),
      system.http().post('/api/v1/plan-filings').set(op).send({ policy: 'jinhu', planYear }),
      system.http().post('/api/v1/calendar/feeds').set(op).send({}),
    ];
    for (const res of await Promise.all(missing)) {
      expect(res.status).toBe(400);
      expect(res.body.detail).toContain('departmentId');
    }
  });
});
