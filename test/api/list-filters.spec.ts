/** Every list honours its filters, paginates and refuses unknown parameters. */
import { randomBytes } from 'node:crypto';
import { addDays, daysBetween, shanghaiDateOf, WorkingCalendar } from '../../domain';
import { useSystem } from './api-harness';

const system = useSystem();
const cal = WorkingCalendar.standard();
const today = shanghaiDateOf(Date.now());
const tag = randomBytes(3).toString('hex');
const as = async (who: string) => ({ Authorization: `Bearer ${await system.token(who)}` });

interface Row {
  projectId: string;
  projectName: string;
  departmentId: string;
  policyId: string;
  dueOn: string;
  daysOverdue: number;
}
const ids: Record<string, string> = {};

/** A project whose contract filing is overdue: signed `workingDaysAgo` working days ago. */
async function overdueProject(key: string, departmentId: string, name: string, workingDaysAgo: number) {
  const res = await system
    .http()
    .post('/api/v1/projects')
    .set(await as('operator'))
    .send({ departmentId, name, policy: 'shandong', planYear: 2027, investment: 2_400_000 })
    .expect(201);
  ids[key] = res.body.id;
  await system
    .http()
    .post(`/api/v1/projects/${res.body.id}/events`)
    .set(await as('operator'))
    .send({ type: 'contract.signed', on: cal.subtractWorkingDays(today, workingDaysAgo) })
    .expect(200);
}

beforeAll(async () => {
  await overdueProject('a1', 'dept-a', `筛选甲一-${tag}`, 8);
  await overdueProject('a2', 'dept-a', `筛选甲二-${tag}`, 40);
  await overdueProject('b1', 'dept-b', `筛选乙一-${tag}`, 8);
  await overdueProject('pct', 'dept-a', `达标100%项目-${tag}`, 8);
  await overdueProject('plain', 'dept-a', `达标1000项目-${tag}`, 8);
});

async function overdue(query: string, who = 'operator'): Promise<Row[]> {
  const res = await system
    .http()
    .get(`/api/v1/oversight/overdue?${query}`)
    .set(await as(who))
    .expect(200);
  return res.body.items;
}
const mine = (rows: Row[]) =>
  rows
    .filter((r) => r.projectName.endsWith(tag))
    .map((r) => r.projectId)
    .sort();
const only = (...keys: string[]) => keys.map((k) => ids[k]).sort();

describe('GET /oversight/overdue', () => {
  it('narrows to the named department, and to the caller’s own for a department', async () => {
    const rows = await overdue(`department=dept-a&q=${tag}`);
    expect(rows.every((r) => r.departmentId === 'dept-a')).toBe(true);
    expect(mine(rows)).toEqual(only('a1', 'a2', 'pct', 'plain'));
    expect(mine(await overdue(`department=dept-b&q=${tag}`))).toEqual(only('b1'));
    expect(mine(await overdue(`q=${tag}`, 'dept-b'))).toEqual(only('b1'));
  });

  it('answers 404 for another department’s or an unknown department, for every role', async () => {
    const other = await system
      .http()
      .get('/api/v1/oversight/overdue?department=dept-a')
      .set(await as('dept-b'))
      .expect(404);
    const unknown = await system
      .http()
      .get('/api/v1/oversight/overdue?department=dept-nowhere')
      .set(await as('operator'))
      .expect(404);
    expect(unknown.body.detail).toContain('dept-nowhere');
    expect(other.body.title).toBe(unknown.body.title);
  });

  it('filters by regulation, validated against the known packs', async () => {
    expect(mine(await overdue(`regulation=jilin&q=${tag}`))).toEqual([]);
    const rows = await overdue(`regulation=shandong&q=${tag}`);
    expect(rows.every((r) => r.policyId === 'shandong')).toBe(true);
    expect(mine(rows)).toEqual(only('a1', 'a2', 'b1', 'pct', 'plain'));
    const bad = await system
      .http()
      .get('/api/v1/oversight/overdue?regulation=atlantis')
      .set(await as('operator'))
      .expect(400);
    expect(bad.body.detail).toContain('regulation');
  });

  it('filters by days overdue and by due date', async () => {
    const all = await overdue(`q=${tag}&department=dept-a`);
    const recent = all.find((r) => r.projectId === ids.a1) as Row;
    const old = all.find((r) => r.projectId === ids.a2) as Row;
    expect(recent.daysOverdue).toBe(daysBetween(recent.dueOn, today));
    expect(mine(await overdue(`q=${tag}&minDaysOverdue=${recent.daysOverdue + 1}`))).toEqual(only('a2'));
    expect(mine(await overdue(`q=${tag}&minDaysOverdue=${recent.daysOverdue}`))).toContain(ids.a1);
    expect(mine(await overdue(`q=${tag}&dueBefore=${recent.dueOn}`))).toEqual(only('a2'));
    expect(mine(await overdue(`q=${tag}&dueBefore=${addDays(old.dueOn, 1)}`))).toEqual(only('a2'));
    for (const bad of ['2026-02-30', 'soon', '2026-9-1']) {
      const res = await system
        .http()
        .get(`/api/v1/oversight/overdue?dueBefore=${bad}`)
        .set(await as('operator'))
        .expect(400);
      expect(res.body.detail).toContain('dueBefore');
    }
    await system
      .http()
      .get('/api/v1/oversight/overdue?minDaysOverdue=-1')
      .set(await as('operator'))
      .expect(400);
  });

  it('searches the project name literally: % and _ are not wildcards', async () => {
    expect(mine(await overdue(`q=${encodeURIComponent(`100%项目-${tag}`)}`))).toEqual(only('pct'));
    expect(mine(await overdue(`q=${encodeURIComponent('达标100_')}`))).toEqual([]);
  });

  it('paginates with a total', async () => {
    const first = await system
      .http()
      .get(`/api/v1/oversight/overdue?q=${tag}&pageSize=2`)
      .set(await as('operator'))
      .expect(200);
    expect(first.body).toMatchObject({ page: 1, pageSize: 2, total: 5 });
    expect(first.body.items).toHaveLength(2);
    const rest = [];
    for (const page of [2, 3]) {
      const res = await system
        .http()
        .get(`/api/v1/oversight/overdue?q=${tag}&pageSize=2&page=${page}`)
        .set(await as('operator'))
        .expect(200);
      rest.push(...res.body.items);
    }
    expect(mine([...first.body.items, ...rest])).toEqual(only('a1', 'a2', 'b1', 'pct', 'plain'));
    const past = await system
      .http()
      .get(`/api/v1/oversight/overdue?q=${tag}&pageSize=2&page=4`)
      .set(await as('operator'))
      .expect(200);
    expect(past.body).toMatchObject({ page: 4, total: 5, items: [] });
    await system
      .http()
      .get('/api/v1/oversight/overdue?pageSize=201')
      .set(await as('operator'))
      .expect(400);
  });

  it('refuses unknown parameters, naming them', async () => {
    const res = await system
      .http()
      .get('/api/v1/oversight/overdue?departmnet=dept-a')
      .set(await as('operator'))
      .expect(400);
    expect(res.body.detail).toContain('departmnet');
  });

  it('exports CSV with the same filters', async () => {
    const csv = await system
      .http()
      .get(`/api/v1/oversight/overdue?department=dept-b&q=${tag}`)
      .set(await as('operator'))
      .set('Accept', 'text/csv')
      .expect(200);
    expect(csv.text).toContain(`筛选乙一-${tag}`);
    expect(csv.text).not.toContain(`筛选甲一-${tag}`);
    expect(csv.headers['x-total-count']).toBe('1');
  });
});

describe('GET /oversight/summary', () => {
  it('honours department and regulation, and refuses unknown parameters', async () => {
    const res = await system
      .http()
      .get('/api/v1/oversight/summary?department=dept-a')
      .set(await as('operator'))
      .expect(200);
    expect(res.body.items.length).toBeGreaterThan(0);
    expect(res.body.items.every((i: { departmentId: string }) => i.departmentId === 'dept-a')).toBe(true);
    const none = await system
      .http()
      .get('/api/v1/oversight/summary?regulation=jilin&department=dept-b')
      .set(await as('dept-b'))
      .expect(200);
    expect(none.body.items.every((i: { departmentId: string }) => i.departmentId === 'dept-b')).toBe(true);
    await system
      .http()
      .get('/api/v1/oversight/summary?department=dept-a')
      .set(await as('dept-b'))
      .expect(404);
    await system
      .http()
      .get('/api/v1/oversight/summary?page=1')
      .set(await as('operator'))
      .expect(400);
  });
});

describe('GET /projects', () => {
  it('searches the name literally and refuses unknown parameters', async () => {
    const res = await system
      .http()
      .get(`/api/v1/projects?q=${encodeURIComponent(`100%项目-${tag}`)}`)
      .set(await as('operator'))
      .expect(200);
    expect(res.body.items.map((i: { id: string }) => i.id)).toEqual([ids.pct]);
    const scoped = await system
      .http()
      .get(`/api/v1/projects?q=${tag}`)
      .set(await as('dept-b'))
      .expect(200);
    expect(scoped.body.items.map((i: { id: string }) => i.id)).toEqual([ids.b1]);
    const bad = await system
      .http()
      .get('/api/v1/projects?sort=name')
      .set(await as('operator'))
      .expect(400);
    expect(bad.body.detail).toContain('sort');
  });
});
