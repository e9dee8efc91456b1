/** The overdue list's cursor, and the summary counts the projection keeps (issue 9). */
import { randomBytes } from 'node:crypto';
import { shanghaiDateOf, WorkingCalendar } from '../../domain';
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
  obligation: string;
  daysOverdue: number;
}

async function register(departmentId: string, name: string): Promise<string> {
  const res = await system
    .http()
    .post('/api/v1/projects')
    .set(await as('operator'))
    .send({ departmentId, name, policy: 'shandong', planYear: 2027, investment: 2_400_000 })
    .expect(201);
  return res.body.id;
}

async function record(id: string, event: Record<string, unknown>, who = 'operator') {
  await system
    .http()
    .post(`/api/v1/projects/${id}/events`)
    .set(await as(who))
    .send(event)
    .expect(200);
}

async function get(path: string, who = 'operator') {
  return system
    .http()
    .get(`/api/v1/oversight/${path}`)
    .set(await as(who));
}

/** Every page of a query, following nextCursor. */
async function walk(query: string, who = 'operator'): Promise<Row[]> {
  const rows: Row[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 50; pages++) {
    const res = await get(`overdue?${query}${cursor ? `&cursor=${cursor}` : ''}`, who);
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeLessThanOrEqual(2);
    rows.push(...res.body.items);
    cursor = res.body.nextCursor;
    if (!cursor) return rows;
  }
  throw new Error('the cursor never ended');
}

const ids = (rows: Row[]) => rows.map((r) => `${r.projectId}|${r.obligation}`);

describe('GET /oversight/overdue with a cursor', () => {
  beforeAll(async () => {
    // Two pairs share a name (and due date), so the order's tie-break on the project id is walked too.
    const plan: [string, string, number][] = [
      ['dept-a', `游标甲-${tag}`, 8],
      ['dept-a', `游标甲-${tag}`, 8],
      ['dept-b', `游标乙-${tag}`, 8],
      ['dept-a', `游标丙-${tag}`, 30],
      ['dept-b', `游标丁-${tag}`, 30],
      ['dept-b', `游标丁-${tag}`, 30],
      ['dept-a', `游标戊-${tag}`, 60],
    ];
    for (const [dept, name, ago] of plan) {
      const id = await register(dept, name);
      await record(id, { type: 'contract.signed', on: cal.subtractWorkingDays(today, ago) });
    }
  });

  it('walks every page once, in the order of one big page', async () => {
    const whole = (await get(`overdue?q=${tag}&pageSize=200`)).body;
    expect(whole.total).toBeGreaterThanOrEqual(7);
    expect(whole.nextCursor).toBeNull();
    const walked = await walk(`q=${tag}&pageSize=2`);
    expect(new Set(ids(walked)).size).toBe(walked.length);
    expect(ids(walked)).toEqual(ids(whole.items));
  });

  it('honours the filters on every page, for the bureau and for a department', async () => {
    const deptA = await walk(`q=${tag}&pageSize=2&department=dept-a`);
    expect(deptA.every((r) => r.departmentId === 'dept-a')).toBe(true);
    expect(ids(deptA)).toEqual(ids((await get(`overdue?q=${tag}&department=dept-a`)).body.items));
    const own = await walk(`q=${tag}&pageSize=2`, 'dept-b');
    expect(own.length).toBeGreaterThanOrEqual(3);
    expect(own.every((r) => r.departmentId === 'dept-b')).toBe(true);
    const old = await walk(`q=${tag}&pageSize=2&minDaysOverdue=20&regulation=shandong`);
    expect(old.length).toBeGreaterThanOrEqual(4);
    expect(old.every((r) => r.daysOverdue >= 20)).toBe(true);
    expect(ids(old)).toEqual(ids((await get(`overdue?q=${tag}&minDaysOverdue=20`)).body.items));
  });

  it('answers the total on a cursor page, and page still works beside it', async () => {
    const first = (await get(`overdue?q=${tag}&pageSize=2`)).body;
    const second = (await get(`overdue?q=${tag}&pageSize=2&cursor=${first.nextCursor}`)).body;
    expect(second).toMatchObject({ page: null, pageSize: 2, total: first.total });
    const byPage = (await get(`overdue?q=${tag}&pageSize=2&page=2`)).body;
    expect(ids(byPage.items)).toEqual(ids(second.items));
  });

  it('refuses a cursor it did not issue, naming cursor', async () => {
    const first = (await get(`overdue?q=${tag}&pageSize=2`)).body;
    const real: string = first.nextCursor;
    const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const tampered = [
      `${real.slice(0, -3)}***`,
      real.slice(0, -1),
      b64({ dueOn: '2026-01-01' }),
      b64(['2026-02-30', 'x', 'y', 'z']),
      b64(['2026-01-01', 'x', 'y']),
      'not a cursor',
    ];
    for (const cursor of tampered) {
      const res = await get(`overdue?cursor=${encodeURIComponent(cursor)}`);
      expect(res.status).toBe(400);
      expect(res.body.detail).toContain('cursor');
    }
    const both = await get(`overdue?cursor=${real}&page=2`);
    expect(both.status).toBe(400);
    expect(both.body.detail).toContain('cursor');
  });
});

describe('GET /oversight/summary as the projection keeps it', () => {
  /** The counts as the old query computed them, straight from the obligations. */
  async function truth(departmentId: string) {
    const rows: { status: string; count: number }[] = await system.dataSource.query(
      `SELECT o.status, count(*)::int AS count FROM obligations o JOIN projects p ON p.id = o.project_id
        WHERE p.department_id = $1 GROUP BY o.status ORDER BY o.status`,
      [departmentId],
    );
    return Object.fromEntries(rows.map((r) => [r.status, r.count]));
  }
  async function summary(departmentId: string) {
    const res = await get(`summary?department=${departmentId}`);
    expect(res.status).toBe(200);
    return Object.fromEntries(
      (res.body.items as { status: string; count: number }[]).map((i) => [i.status, i.count]),
    );
  }
  async function expectTrue(departmentId: string) {
    const counts = await summary(departmentId);
    expect(counts).toEqual(await truth(departmentId));
    return counts;
  }

  it('stays equal to the obligations as facts make them overdue, met, paused and resumed', async () => {
    const before = await expectTrue('dept-b');
    const id = await register('dept-b', `计数-${tag}`);
    await expectTrue('dept-b');
    await record(id, { type: 'contract.signed', on: cal.subtractWorkingDays(today, 8) });
    const overdue = await expectTrue('dept-b');
    expect(overdue.overdue).toBe((before.overdue ?? 0) + 1);
    await record(id, { type: 'contract.filed', on: today });
    const met = await expectTrue('dept-b');
    expect(met.overdue).toBe(before.overdue);
    expect(met['met-late']).toBe((before['met-late'] ?? 0) + 1);
    const admin = await as('admin');
    await system
      .http()
      .post(`/api/v1/projects/${id}/pause`)
      .set(admin)
      .send({ reason: '计数测试' })
      .expect(200);
    await expectTrue('dept-b');
    await system
      .http()
      .post(`/api/v1/projects/${id}/resume`)
      .set(admin)
      .send({ reason: '计数测试' })
      .expect(200);
    await expectTrue('dept-b');
    // Another department's counts never moved.
    await expectTrue('dept-a');
  });

  it('sums to the overdue list’s total', async () => {
    const counts = await summary('dept-a');
    expect((await get('overdue?department=dept-a&pageSize=1')).body.total).toBe(counts.overdue ?? 0);
  });
});
