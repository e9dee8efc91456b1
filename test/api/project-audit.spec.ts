/**
 * What the console's project pages read: a project's own audit trail (scoped, in Chinese, newest
 * first, a refused fact included), who recorded each fact, and which regulations are in force.
 */
import { shanghaiDateOf, WorkingCalendar } from '../../domain';
import { useSystem } from './api-harness';

const system = useSystem();
const cal = WorkingCalendar.standard();
const today = shanghaiDateOf(Date.now());
const as = async (who: string) => ({ Authorization: `Bearer ${await system.token(who)}` });
let id = '';

interface Entry {
  action: string;
  actionTitle: string;
  summary: string;
  actorName: string;
  actorRoleTitle: string;
}

beforeAll(async () => {
  const res = await system
    .http()
    .post('/api/v1/projects')
    .set(await as('dept-a'))
    .send({ name: '审计轨迹测试项目', policy: 'shandong', planYear: 2027, investment: 2_400_000 })
    .expect(201);
  id = res.body.id;
  await system
    .http()
    .post(`/api/v1/projects/${id}/events`)
    .set(await as('dept-a'))
    .send({ type: 'contract.signed', on: cal.subtractWorkingDays(today, 2) })
    .expect(200);
});

it('audits a refused fact on the project, records nothing, and lists the trail newest first in Chinese', async () => {
  const refused = await system
    .http()
    .post(`/api/v1/projects/${id}/events`)
    .set(await as('dept-a'))
    .send({ type: 'acceptance.applied', on: today })
    .expect(422);
  expect(refused.body.detail).toContain('《山东省政务信息系统项目管理办法》第二十三条');

  const detail = await system
    .http()
    .get(`/api/v1/projects/${id}`)
    .set(await as('dept-a'))
    .expect(200);
  expect(detail.body.facts).toHaveLength(1);
  expect(detail.body.facts[0]).toMatchObject({ type: 'contract.signed', actorName: '政务服务处项目联络员' });

  const trail = await system
    .http()
    .get(`/api/v1/projects/${id}/audit`)
    .set(await as('dept-a'))
    .expect(200);
  expect(trail.body).toMatchObject({ page: 1, pageSize: 50, total: 3 });
  const items = trail.body.items as Entry[];
  expect(items.map((e) => e.action)).toEqual(['fact.refused', 'fact.contract.signed', 'project.registered']);
  expect(items.map((e) => e.actionTitle)).toEqual(['登记事实被拒绝', '登记“签订合同”', '登记项目']);
  expect(items[0]?.summary).toBe(refused.body.detail);
  expect(items[1]?.summary).toBe(`日期 ${cal.subtractWorkingDays(today, 2)}`);
  expect(items[0]).toMatchObject({ actorName: '政务服务处项目联络员', actorRoleTitle: '部门' });
});

it('answers in English on request, and pages', async () => {
  const res = await system
    .http()
    .get(`/api/v1/projects/${id}/audit?pageSize=1&page=2`)
    .set(await as('dept-a'))
    .set('Accept-Language', 'en')
    .expect(200);
  expect(res.body).toMatchObject({ page: 2, pageSize: 1, total: 3 });
  expect(res.body.items).toEqual([
    expect.objectContaining({ action: 'fact.contract.signed', actionTitle: 'recorded contract.signed' }),
  ]);
});

it('is scoped to the project: another department gets 404, the bureau sees it', async () => {
  await system
    .http()
    .get(`/api/v1/projects/${id}/audit`)
    .set(await as('dept-b'))
    .expect(404);
  await system
    .http()
    .get(`/api/v1/projects/${id}/audit`)
    .set(await as('operator'))
    .expect(200);
  await system.http().get(`/api/v1/projects/${id}/audit`).expect(401);
});

it('refuses bad query parameters naming them', async () => {
  const unknown = await system
    .http()
    .get(`/api/v1/projects/${id}/audit?action=x`)
    .set(await as('dept-a'))
    .expect(400);
  expect(unknown.body.detail).toContain('action');
  const size = await system
    .http()
    .get(`/api/v1/projects/${id}/audit?pageSize=0`)
    .set(await as('dept-a'))
    .expect(400);
  expect(size.body.detail).toContain('pageSize');
  await system
    .http()
    .get('/api/v1/projects/not-a-uuid/audit')
    .set(await as('dept-a'))
    .expect(400);
});

it('says which regulations are in force today, and which need a category', async () => {
  const res = await system
    .http()
    .get('/api/v1/policies')
    .set(await as('dept-a'))
    .expect(200);
  const byId = new Map(
    (res.body as { id: string; inForce: boolean; requiresCategory: boolean }[]).map((p) => [p.id, p]),
  );
  expect(byId.get('yunfu')).toMatchObject({ inForce: false, requiresCategory: false });
  expect(byId.get('shandong')).toMatchObject({ inForce: true });
  expect(byId.get('jinhu')).toMatchObject({ inForce: true, requiresCategory: true });
});

it('refuses an out-of-force regulation in Chinese unless confirmed, and nothing is created', async () => {
  const before = await system
    .http()
    .get('/api/v1/projects?q=施行期测试')
    .set(await as('dept-a'))
    .expect(200);
  const refused = await system
    .http()
    .post('/api/v1/projects')
    .set(await as('dept-a'))
    .send({ name: '施行期测试项目', policy: 'yunfu', planYear: 2027, investment: 1 })
    .expect(422);
  expect(refused.body).toMatchObject({ code: 'policy-not-in-force', title: '无法办理' });
  expect(refused.body.detail).toContain('不在施行期内');
  expect(refused.body.detail).toContain('2025-01-31');
  const english = await system
    .http()
    .post('/api/v1/projects')
    .set(await as('dept-a'))
    .set('Accept-Language', 'en')
    .send({ name: '施行期测试项目', policy: 'yunfu', planYear: 2027, investment: 1 })
    .expect(422);
  expect(english.body.detail).toContain('is not in force');
  const after = await system
    .http()
    .get('/api/v1/projects?q=施行期测试')
    .set(await as('dept-a'))
    .expect(200);
  expect(after.body.total).toBe(before.body.total);
});

it('words the facts for the console and lists what the caller may record there', async () => {
  const dept = await system
    .http()
    .get(`/api/v1/projects/${id}`)
    .set(await as('dept-a'))
    .expect(200);
  expect(dept.body.factTitles).toMatchObject({
    'contract.signed': '签订合同',
    'project.registered': '项目登记',
  });
  expect(dept.body.recordableFacts).toContain('contract.filed');
  expect(dept.body.recordableFacts).not.toContain('acceptance.passed');
  expect(dept.body.recordableFacts).not.toContain('change.requested');
  const bureau = await system
    .http()
    .get(`/api/v1/projects/${id}`)
    .set(await as('operator'))
    .expect(200);
  expect(bureau.body.recordableFacts).toContain('acceptance.passed');
  expect(bureau.body.recordableFacts).not.toContain('project.paused');
  const english = await system
    .http()
    .get(`/api/v1/projects/${id}`)
    .set(await as('dept-a'))
    .set('Accept-Language', 'en')
    .expect(200);
  expect(english.body.factTitles['contract.signed']).toBe('contract.signed');
});
