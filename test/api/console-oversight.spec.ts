/** The console's oversight routes: the overdue trend, the due-soon list, both lists' exports, the summary. */
import { Workbook } from 'exceljs';
import { randomBytes } from 'node:crypto';
import { addDays, shanghaiDateOf, WorkingCalendar } from '../../domain';
import { binary, useSystem } from './api-harness';

const system = useSystem();
const cal = WorkingCalendar.standard();
const today = shanghaiDateOf(Date.now());
// A department of this file's own, so other files' rows in the shared database never count here.
const dept = `dept-web${randomBytes(3).toString('hex').replace(/^\d/, 'x')}`;
let overdueDueOn = '';

const as = async (who: string) => ({ Authorization: `Bearer ${await system.token(who)}` });

async function register(name: string, signedOn: string): Promise<string> {
  const res = await system
    .http()
    .post('/api/v1/projects')
    .set(await as('operator'))
    .send({ departmentId: dept, name, policy: 'shandong', planYear: 2027, investment: 2_400_000 })
    .expect(201);
  await system
    .http()
    .post(`/api/v1/projects/${res.body.id}/events`)
    .set(await as('operator'))
    .send({ type: 'contract.signed', on: signedOn })
    .expect(200);
  return res.body.id as string;
}

beforeAll(async () => {
  await system
    .http()
    .post('/api/v1/departments')
    .set(await as('admin'))
    .send({ code: dept, name: '市控制台测试局' })
    .expect(201);
  const overdueId = await register('控制台逾期项目', cal.subtractWorkingDays(today, 8));
  await register('控制台临期项目', today);
  const detail = await system
    .http()
    .get(`/api/v1/projects/${overdueId}`)
    .set(await as('operator'))
    .expect(200);
  const filing = (detail.body.obligations as { key: string; dueOn: string; status: string }[]).find(
    (o) => o.key === 'contract.filing',
  );
  expect(filing?.status).toBe('overdue');
  overdueDueOn = filing!.dueOn;
});

it('counts the overdue obligations at the end of each day: none up to the due date, one after it', async () => {
  const res = await system
    .http()
    .get('/api/v1/oversight/overdue-history')
    .query({ department: dept, days: 30 })
    .set(await as('operator'))
    .expect(200);
  expect(res.body).toMatchObject({ days: 30, to: today, from: addDays(today, -29) });
  const points = res.body.points as { date: string; overdue: number }[];
  expect(points).toHaveLength(30);
  expect(points.at(-1)).toEqual({ date: today, overdue: 1 });
  expect(points.find((p) => p.date === overdueDueOn)?.overdue).toBe(0);
  expect(points.find((p) => p.date === addDays(overdueDueOn, 1))?.overdue).toBe(1);
  const other = await system
    .http()
    .get('/api/v1/oversight/overdue-history')
    .query({ department: dept, regulation: 'jilin', days: 5 })
    .set(await as('operator'))
    .expect(200);
  expect((other.body.points as { overdue: number }[]).every((p) => p.overdue === 0)).toBe(true);
});

it('refuses a bad number of days naming the field, and hides another department', async () => {
  const bad = await system
    .http()
    .get('/api/v1/oversight/overdue-history')
    .query({ days: 0 })
    .set(await as('operator'))
    .expect(400);
  expect(bad.body.detail).toContain('days');
  await system
    .http()
    .get('/api/v1/oversight/overdue-history')
    .query({ department: dept })
    .set(await as('dept-a'))
    .expect(404);
  await system
    .http()
    .get('/api/v1/oversight/due-soon')
    .query({ department: dept })
    .set(await as('dept-b'))
    .expect(404);
});

it('lists the obligations due within the yellow window, soonest first, with the days left', async () => {
  const res = await system
    .http()
    .get('/api/v1/oversight/due-soon')
    .query({ department: dept, yellowDays: 5 })
    .set(await as('operator'))
    .expect(200);
  expect(res.body.yellowDays).toBe(5);
  const items = res.body.items as {
    projectName: string;
    obligation: string;
    dueOn: string;
    daysLeft: number;
  }[];
  const filing = items.find((i) => i.obligation === 'contract.filing');
  expect(filing).toMatchObject({
    projectName: '控制台临期项目',
    departmentName: '市控制台测试局',
    dueOn: cal.addWorkingDays(today, 5),
  });
  expect(filing!.daysLeft).toBeGreaterThan(0);
  expect(items.some((i) => i.projectName === '控制台逾期项目' && i.obligation === 'contract.filing')).toBe(
    false,
  );
  expect(items.map((i) => i.dueOn)).toEqual([...items.map((i) => i.dueOn)].sort());
  const narrow = await system
    .http()
    .get('/api/v1/oversight/due-soon')
    .query({ department: dept, yellowDays: 1 })
    .set(await as('operator'))
    .expect(200);
  expect(
    (narrow.body.items as { obligation: string; projectName: string }[]).some(
      (i) => i.obligation === 'contract.filing' && i.projectName === '控制台临期项目',
    ),
  ).toBe(false);
});

it('exports the filtered overdue list as .xlsx and CSV with Chinese headers and department names', async () => {
  const xlsx = await system
    .http()
    .get('/api/v1/oversight/overdue/export.xlsx')
    .query({ department: dept })
    .set(await as('operator'))
    .buffer(true)
    .parse(binary)
    .expect(200);
  expect(xlsx.headers['content-disposition']).toMatch(/attachment; filename="overdue-.+\.xlsx"/);
  expect(xlsx.headers['x-total-count']).toBe('1');
  const wb = new Workbook();
  await wb.xlsx.load(xlsx.body as never);
  const ws = wb.getWorksheet('逾期事项')!;
  expect(ws.getRow(1).values).toEqual(expect.arrayContaining(['部门', '项目', '事项', '逾期天数']));
  expect(ws.rowCount).toBe(2);
  expect(ws.getRow(2).values).toEqual(
    expect.arrayContaining(['市控制台测试局', '控制台逾期项目', overdueDueOn]),
  );

  const csv = await system
    .http()
    .get('/api/v1/oversight/overdue/export.csv')
    .query({ department: dept, q: '逾期' })
    .set(await as('operator'))
    .expect(200);
  expect(csv.headers['content-type']).toContain('text/csv');
  const lines = csv.text
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n');
  expect(lines[0]).toBe('部门,项目,办法,事项,期限,逾期天数,依据,项目编号,部门编号');
  expect(lines).toHaveLength(2);
  expect(lines[1]).toContain('市控制台测试局,控制台逾期项目');
  // 依据 as a person reads it; the API field keeps the stored form beside the Chinese one.
  expect(lines[1]).toContain(',《山东省政务信息系统项目管理办法》第十三条,');
  expect(lines[1]).not.toContain('Shandong');
  expect(ws.getRow(2).values).toEqual(expect.arrayContaining(['《山东省政务信息系统项目管理办法》第十三条']));
  await system
    .http()
    .get('/api/v1/oversight/overdue/export.csv')
    .query({ department: dept })
    .set(await as('dept-a'))
    .expect(404);
  await system
    .http()
    .get('/api/v1/oversight/overdue/export.xlsx')
    .query({ bogus: 1 })
    .set(await as('operator'))
    .expect(400);
});

it('exports the due-soon list as .xlsx and CSV with the days left and the Chinese citation', async () => {
  const csv = await system
    .http()
    .get('/api/v1/oversight/due-soon/export.csv')
    .query({ department: dept })
    .set(await as('operator'))
    .expect(200);
  expect(csv.headers['content-disposition']).toMatch(/attachment; filename="due-soon-.+\.csv"/);
  const lines = csv.text
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n');
  expect(lines[0]).toBe('部门,项目,办法,事项,期限,剩余天数,依据,项目编号,部门编号');
  const filing = lines.find((l) => l.includes('控制台临期项目') && l.includes('合同备案'));
  expect(filing).toContain(`,${cal.addWorkingDays(today, 5)},`);
  expect(filing).toContain(',《山东省政务信息系统项目管理办法》第十三条,');
  expect(lines.some((l) => l.includes('控制台逾期项目,'))).toBe(false);
  const xlsx = await system
    .http()
    .get('/api/v1/oversight/due-soon/export.xlsx')
    .query({ department: dept, q: '临期' })
    .set(await as('operator'))
    .buffer(true)
    .parse(binary)
    .expect(200);
  const wb = new Workbook();
  await wb.xlsx.load(xlsx.body as never);
  const ws = wb.getWorksheet('即将到期事项')!;
  expect(ws.getRow(1).values).toEqual(expect.arrayContaining(['剩余天数', '依据']));
  expect(ws.rowCount - 1).toBe(Number(xlsx.headers['x-total-count']));
  await system
    .http()
    .get('/api/v1/oversight/due-soon/export.csv')
    .query({ department: dept })
    .set(await as('dept-a'))
    .expect(404);
  await system
    .http()
    .get('/api/v1/oversight/due-soon/export.xlsx')
    .query({ yellowDays: 'soon' })
    .set(await as('operator'))
    .expect(400);
});

it('answers the totals per regulation in the summary, every regulation listed, adding up to the departments', async () => {
  const res = await system
    .http()
    .get('/api/v1/oversight/summary')
    .query({ department: dept })
    .set(await as('operator'))
    .expect(200);
  const regulations = res.body.regulations as {
    policyId: string;
    red: number;
    yellow: number;
    green: number;
  }[];
  expect(regulations.map((r) => r.policyId)).toEqual(['jilin', 'wuhan', 'shandong', 'yunfu', 'jinhu']);
  const [row] = res.body.departments as { red: number; yellow: number; green: number }[];
  const shandong = regulations.find((r) => r.policyId === 'shandong')!;
  expect(shandong).toMatchObject({ regulation: '山东省政务信息系统项目管理办法', jurisdiction: '山东省' });
  expect({ red: shandong.red, yellow: shandong.yellow, green: shandong.green }).toEqual({
    red: row!.red,
    yellow: row!.yellow,
    green: row!.green,
  });
  expect(shandong.red).toBeGreaterThanOrEqual(1);
  expect(shandong.yellow).toBeGreaterThanOrEqual(1);
  for (const r of regulations.filter((x) => x.policyId !== 'shandong'))
    expect([r.red, r.yellow, r.green]).toEqual([0, 0, 0]);
  // The department × status items stay one row per status, however many regulations they span.
  const items = res.body.items as { status: string }[];
  expect(new Set(items.map((i) => i.status)).size).toBe(items.length);
  const one = await system
    .http()
    .get('/api/v1/oversight/summary')
    .query({ department: dept, regulation: 'jilin' })
    .set(await as('operator'))
    .expect(200);
  expect(one.body.regulations).toEqual([expect.objectContaining({ policyId: 'jilin', red: 0 })]);
});

it('serves the console at / with a fallback for its paths, never shadowing the API or the probes', async () => {
  const page = await system.http().get('/overdue').expect(200);
  expect(page.headers['content-type']).toContain('text/html');
  expect(page.text).toContain('期限监管');
  await system.http().get('/api/v1/nothing-here').expect(404);
  await system.http().get('/healthz').expect(200);
  await system.http().get('/assets/missing-0000.js').expect(404);
});

it("counts a reader's unread notices over every page, as the header badge shows them", async () => {
  await register('控制台逾期项目二', cal.subtractWorkingDays(today, 9));
  const username = `web-reader-${randomBytes(3).toString('hex')}`;
  await system
    .http()
    .post('/api/v1/users')
    .set(await as('admin'))
    .send({
      username,
      displayName: '控制台读者',
      role: 'department',
      departmentId: dept,
      password: 'Chosen-Start-2026',
    })
    .expect(201);
  const first = await system
    .http()
    .post('/api/v1/auth/login')
    .send({ username, password: 'Chosen-Start-2026' })
    .expect(200);
  const changed = await system
    .http()
    .post('/api/v1/me/password')
    .set({ Authorization: `Bearer ${first.body.accessToken}` })
    .send({ currentPassword: 'Chosen-Start-2026', newPassword: 'Own-Password-2026!' })
    .expect(200);
  const reader = { Authorization: `Bearer ${changed.body.accessToken}` };
  const inbox = async (pageSize: number) =>
    (await system.http().get('/api/v1/inbox').query({ pageSize }).set(reader).expect(200)).body;
  const all = await inbox(200);
  const unread = (all.items as { read: boolean }[]).filter((i) => !i.read).length;
  expect(unread).toBeGreaterThanOrEqual(2);
  const one = await inbox(1);
  expect(one.items).toHaveLength(1);
  expect({ total: one.total, unread: one.unread }).toEqual({ total: all.total, unread });
  await system.http().post(`/api/v1/inbox/${all.items[1].id}/read`).set(reader).expect(204);
  expect((await inbox(1)).unread).toBe(unread - 1);
});
