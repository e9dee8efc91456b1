/**
 * The role × endpoint matrix, every cell asserted, and department isolation on every project route:
 * another department's project answers 404, exactly like one that does not exist, and so does naming
 * another department (the one department-scope answer).
 */
import { shanghaiDateOf } from '../../domain';
import { useSystem } from './api-harness';

const system = useSystem();
type Who = 'anonymous' | 'dept-a' | 'dept-b' | 'operator' | 'admin';
const WHO: Who[] = ['anonymous', 'dept-a', 'dept-b', 'operator', 'admin'];

let projectA = '';
const today = shanghaiDateOf(Date.now());

beforeAll(async () => {
  const token = await system.token('dept-a');
  const res = await system
    .http()
    .post('/api/v1/projects')
    .set('Authorization', `Bearer ${token}`)
    .send({ name: '矩阵测试项目', policy: 'wuhan', planYear: 2027, investment: 600_000 });
  projectA = res.body.id;
});

interface Cell {
  name: string;
  call: (http: ReturnType<typeof system.http>) => ReturnType<ReturnType<typeof system.http>['get']>;
  expect: Record<Who, number>;
}

const p = () => `/api/v1/projects/${projectA}`;
const everyone = (status: number): Record<Who, number> => ({
  anonymous: status,
  'dept-a': status,
  'dept-b': status,
  operator: status,
  admin: status,
});
const ALL200 = everyone(200);
const ALL401 = everyone(401);
const ALL404 = everyone(404);
const BUREAU_ONLY: Record<Who, number> = {
  anonymous: 401,
  'dept-a': 403,
  'dept-b': 403,
  operator: 200,
  admin: 200,
};
const SIGNED_IN: Record<Who, number> = { ...ALL200, anonymous: 401 };
const ADMIN_ONLY: Record<Who, number> = { ...BUREAU_ONLY, operator: 403 };
/** One row for dept-a in the import template's columns (a department imports for itself). */
const IMPORT_CSV =
  '项目编号,项目名称,部门,适用办法,计划年度,总投资\nMX-1,矩阵导入项目,dept-a,wuhan,2027,600000\n';
const CELLS: Cell[] = [
  {
    name: 'GET /policies',
    call: (h) => h.get('/api/v1/policies'),
    expect: { anonymous: 401, 'dept-a': 200, 'dept-b': 200, operator: 200, admin: 200 },
  },
  {
    name: 'GET /projects',
    call: (h) => h.get('/api/v1/projects'),
    expect: { anonymous: 401, 'dept-a': 200, 'dept-b': 200, operator: 200, admin: 200 },
  },
  {
    name: 'GET /projects/:id',
    call: (h) => h.get(p()),
    expect: { anonymous: 401, 'dept-a': 200, 'dept-b': 404, operator: 200, admin: 200 },
  },
  {
    name: 'GET /projects/:id/audit',
    call: (h) => h.get(`${p()}/audit`),
    expect: { anonymous: 401, 'dept-a': 200, 'dept-b': 404, operator: 200, admin: 200 },
  },
  {
    name: 'GET /projects/:id/calendar.ics',
    call: (h) => h.get(`${p()}/calendar.ics`),
    expect: { anonymous: 401, 'dept-a': 200, 'dept-b': 404, operator: 200, admin: 200 },
  },
  {
    name: 'POST /projects/:id/events (annual report, a department fact)',
    call: (h) =>
      h.post(`${p()}/events`).send({ type: 'change.requested', on: today, amount: 1, newTotal: 600_000 }),
    expect: { anonymous: 401, 'dept-a': 200, 'dept-b': 404, operator: 200, admin: 200 },
  },
  {
    name: 'POST /projects/:id/events (acceptance.passed, a bureau act)',
    call: (h) => h.post(`${p()}/events`).send({ type: 'acceptance.passed', on: today }),
    expect: { anonymous: 401, 'dept-a': 403, 'dept-b': 404, operator: 422, admin: 422 },
  },
  {
    name: 'POST /projects/:id/changes',
    call: (h) => h.post(`${p()}/changes`).send({ on: today, amount: 1, newTotal: 600_000 }),
    expect: { anonymous: 401, 'dept-a': 200, 'dept-b': 404, operator: 200, admin: 200 },
  },
  {
    name: 'POST /projects/:id/pause',
    call: (h) => h.post(`${p()}/pause`).send({ reason: 'x' }),
    expect: { anonymous: 401, 'dept-a': 403, 'dept-b': 403, operator: 403, admin: 200 },
  },
  {
    name: 'POST /projects/:id/resume',
    call: (h) => h.post(`${p()}/resume`).send({ reason: 'x' }),
    expect: { anonymous: 401, 'dept-a': 403, 'dept-b': 403, operator: 403, admin: 200 },
  },
  {
    name: 'POST /projects/:id/terminate (a month ahead)',
    call: (h) => h.post(`${p()}/terminate`).send({ reason: 'x', effectiveOn: '2099-01-01' }),
    expect: { anonymous: 401, 'dept-a': 403, 'dept-b': 403, operator: 403, admin: 200 },
  },
  {
    name: 'GET /oversight/overdue',
    call: (h) => h.get('/api/v1/oversight/overdue'),
    expect: { anonymous: 401, 'dept-a': 200, 'dept-b': 200, operator: 200, admin: 200 },
  },
  {
    name: 'GET /oversight/summary',
    call: (h) => h.get('/api/v1/oversight/summary'),
    expect: { anonymous: 401, 'dept-a': 200, 'dept-b': 200, operator: 200, admin: 200 },
  },
  {
    name: 'GET /calendar/years',
    call: (h) => h.get('/api/v1/calendar/years'),
    expect: { anonymous: 401, 'dept-a': 200, 'dept-b': 200, operator: 200, admin: 200 },
  },
  {
    name: 'PUT /calendar/years/:year (an invalid notice)',
    call: (h) =>
      h
        .put('/api/v1/calendar/years/2098')
        .send({ year: 2098, days: [{ name: 'x', date: '2098-13-01', isOffDay: true }] }),
    expect: { anonymous: 401, 'dept-a': 403, 'dept-b': 403, operator: 403, admin: 422 },
  },
  {
    name: 'GET /oversight/incidents',
    call: (h) => h.get('/api/v1/oversight/incidents'),
    expect: { anonymous: 401, 'dept-a': 403, 'dept-b': 403, operator: 200, admin: 200 },
  },
  {
    name: 'POST /oversight/incidents/:id/retry (unknown)',
    call: (h) => h.post('/api/v1/oversight/incidents/00000000-0000-4000-8000-000000000000/retry'),
    expect: { anonymous: 401, 'dept-a': 403, 'dept-b': 403, operator: 403, admin: 404 },
  },
  {
    name: 'GET /corrections',
    call: (h) => h.get('/api/v1/corrections?status=pending'),
    expect: { anonymous: 401, 'dept-a': 200, 'dept-b': 200, operator: 200, admin: 200 },
  },
  {
    name: 'POST /projects/:id/facts/:factIndex/corrections (no such fact)',
    call: (h) =>
      h.post(`/api/v1/projects/${projectA}/facts/99/corrections`).send({ kind: 'withdraw', reason: '误录' }),
    expect: { anonymous: 401, 'dept-a': 404, 'dept-b': 404, operator: 404, admin: 404 },
  },
  {
    name: 'POST /projects/:id/facts/:factIndex/correct (no such fact)',
    call: (h) =>
      h.post(`/api/v1/projects/${projectA}/facts/99/correct`).send({ kind: 'withdraw', reason: '误录' }),
    expect: { anonymous: 401, 'dept-a': 403, 'dept-b': 403, operator: 403, admin: 404 },
  },
  {
    name: 'POST /corrections/:id/approve (unknown)',
    call: (h) =>
      h.post('/api/v1/corrections/00000000-0000-4000-8000-000000000000/approve').send({ reason: '同意' }),
    expect: { anonymous: 401, 'dept-a': 404, 'dept-b': 404, operator: 404, admin: 404 },
  },
  {
    name: 'GET /audit/verify',
    call: (h) => h.get('/api/v1/audit/verify'),
    expect: { anonymous: 401, 'dept-a': 403, 'dept-b': 403, operator: 403, admin: 200 },
  },
  {
    name: 'POST /simulate',
    call: (h) => h.post('/api/v1/simulate').send({ policy: 'nowhere' }),
    expect: { anonymous: 401, 'dept-a': 422, 'dept-b': 422, operator: 422, admin: 422 },
  },
  {
    name: 'POST /projects',
    call: (h) =>
      h
        .post('/api/v1/projects')
        .send({ departmentId: 'dept-a', name: '矩阵登记', policy: 'jilin', planYear: 2027, investment: 1 }),
    expect: { anonymous: 401, 'dept-a': 201, 'dept-b': 404, operator: 201, admin: 201 },
  },
  {
    name: 'GET /policies/:id',
    call: (h) => h.get('/api/v1/policies/jinhu'),
    expect: { anonymous: 401, 'dept-a': 200, 'dept-b': 200, operator: 200, admin: 200 },
  },
  {
    name: 'POST /calendar/feeds (for dept-a)',
    call: (h) => h.post('/api/v1/calendar/feeds').send({ departmentId: 'dept-a' }),
    expect: { anonymous: 401, 'dept-a': 201, 'dept-b': 404, operator: 201, admin: 201 },
  },
  {
    name: 'DELETE /calendar/feeds/:token (unknown)',
    call: (h) => h.delete('/api/v1/calendar/feeds/unknown-token'),
    expect: { anonymous: 401, 'dept-a': 404, 'dept-b': 404, operator: 404, admin: 404 },
  },
  {
    name: 'GET /feeds/:token/calendar.ics (unknown)',
    call: (h) => h.get('/api/v1/feeds/unknown-token/calendar.ics'),
    expect: ALL404,
  },
  {
    name: 'POST /auth/login (wrong password)',
    // An unknown account: five wrong passwords for a real one would lock it for the other test files.
    call: (h) => h.post('/api/v1/auth/login').send({ username: 'matrix-nobody', password: 'wrong' }),
    expect: ALL401,
  },
  {
    name: 'POST /me/password (wrong current password)',
    call: (h) =>
      h.post('/api/v1/me/password').send({ currentPassword: 'wrong', newPassword: 'Matrix-Password-2026' }),
    expect: { anonymous: 401, 'dept-a': 422, 'dept-b': 422, operator: 422, admin: 422 },
  },
  {
    name: 'GET /admin/webhook-allowlist',
    call: (h) => h.get('/api/v1/admin/webhook-allowlist'),
    expect: { anonymous: 401, 'dept-a': 403, 'dept-b': 403, operator: 403, admin: 200 },
  },
  {
    name: 'PUT /admin/webhook-allowlist (an invalid entry)',
    call: (h) => h.put('/api/v1/admin/webhook-allowlist').send({ entries: ['not a host!'] }),
    expect: { anonymous: 401, 'dept-a': 403, 'dept-b': 403, operator: 403, admin: 422 },
  },
  {
    name: 'GET /oversight/late-records',
    call: (h) => h.get('/api/v1/oversight/late-records'),
    expect: { anonymous: 401, 'dept-a': 200, 'dept-b': 200, operator: 200, admin: 200 },
  },
  {
    name: 'GET /projects/export.xlsx',
    call: (h) => h.get('/api/v1/projects/export.xlsx'),
    expect: SIGNED_IN,
  },
  { name: 'GET /projects/export.csv', call: (h) => h.get('/api/v1/projects/export.csv'), expect: SIGNED_IN },
  { name: 'GET /departments', call: (h) => h.get('/api/v1/departments'), expect: SIGNED_IN },
  {
    name: 'POST /departments',
    call: (h) => h.post('/api/v1/departments').send({ code: 'dept-matrix', name: '矩阵测试部门' }),
    expect: { ...ADMIN_ONLY, admin: 201 },
  },
  {
    name: 'PATCH /departments/:code',
    call: (h) => h.patch('/api/v1/departments/dept-matrix').send({ name: '矩阵测试部门（改名）' }),
    expect: ADMIN_ONLY,
  },
  { name: 'GET /users', call: (h) => h.get('/api/v1/users'), expect: ADMIN_ONLY },
  {
    name: 'POST /users',
    call: (h) =>
      h.post('/api/v1/users').send({ username: 'matrix.user', displayName: '矩阵测试', role: 'operator' }),
    expect: { ...ADMIN_ONLY, admin: 201 },
  },
  {
    name: 'PATCH /users/:username',
    call: (h) => h.patch('/api/v1/users/matrix.user').send({ displayName: '矩阵测试（改）' }),
    expect: ADMIN_ONLY,
  },
  {
    name: 'POST /users/:username/reset-password',
    call: (h) => h.post('/api/v1/users/matrix.user/reset-password'),
    expect: ADMIN_ONLY,
  },
  {
    name: 'GET /imports/template.xlsx',
    call: (h) => h.get('/api/v1/imports/template.xlsx'),
    expect: SIGNED_IN,
  },
  {
    name: 'POST /imports?dryRun=true (a one-row CSV)',
    call: (h) =>
      h.post('/api/v1/imports?dryRun=true').attach('file', Buffer.from(IMPORT_CSV), 'projects.csv'),
    expect: SIGNED_IN,
  },
  {
    name: 'POST /corrections/:id/refuse (unknown)',
    call: (h) =>
      h.post('/api/v1/corrections/00000000-0000-4000-8000-000000000000/refuse').send({ reason: '不同意' }),
    expect: { anonymous: 401, 'dept-a': 404, 'dept-b': 404, operator: 404, admin: 404 },
  },
  {
    name: 'POST /projects/:id/obligations/:key/urgings (no such obligation)',
    call: (h) =>
      h
        .post(`${p()}/obligations/no-such-obligation/urgings`)
        .send({ message: '请尽快办理', answerBy: '2099-01-01' }),
    expect: { anonymous: 401, 'dept-a': 403, 'dept-b': 403, operator: 404, admin: 404 },
  },
  {
    name: 'POST /urgings/:id/answers (unknown)',
    call: (h) =>
      h
        .post('/api/v1/urgings/00000000-0000-4000-8000-000000000000/answers')
        .send({ reason: '合同在审核中', expectedOn: '2099-01-01' }),
    expect: { anonymous: 401, 'dept-a': 404, 'dept-b': 404, operator: 404, admin: 404 },
  },
  { name: 'GET /oversight/urgings', call: (h) => h.get('/api/v1/oversight/urgings'), expect: SIGNED_IN },
  {
    name: 'GET /oversight/overdue-history',
    call: (h) => h.get('/api/v1/oversight/overdue-history'),
    expect: SIGNED_IN,
  },
  { name: 'GET /oversight/due-soon', call: (h) => h.get('/api/v1/oversight/due-soon'), expect: SIGNED_IN },
  {
    name: 'GET /oversight/overdue/export.xlsx',
    call: (h) => h.get('/api/v1/oversight/overdue/export.xlsx'),
    expect: SIGNED_IN,
  },
  {
    name: 'GET /oversight/overdue/export.csv',
    call: (h) => h.get('/api/v1/oversight/overdue/export.csv'),
    expect: SIGNED_IN,
  },
  {
    name: 'PUT /calendar/years/:year?dryRun=true',
    call: (h) =>
      h
        .put('/api/v1/calendar/years/2098?dryRun=true')
        .send({ year: 2098, days: [{ name: '矩阵假日', date: '2098-01-02', isOffDay: true }] }),
    expect: ADMIN_ONLY,
  },
  {
    name: 'GET /notifications/dead-letters',
    call: (h) => h.get('/api/v1/notifications/dead-letters'),
    expect: BUREAU_ONLY,
  },
  {
    name: 'GET /notifications/:id (unknown)',
    call: (h) => h.get('/api/v1/notifications/00000000-0000-4000-8000-000000000000'),
    expect: { anonymous: 401, 'dept-a': 404, 'dept-b': 404, operator: 404, admin: 404 },
  },
  {
    name: 'POST /notifications/:id/retry (unknown)',
    call: (h) => h.post('/api/v1/notifications/00000000-0000-4000-8000-000000000000/retry'),
    expect: { anonymous: 401, 'dept-a': 403, 'dept-b': 403, operator: 404, admin: 404 },
  },
  { name: 'GET /inbox', call: (h) => h.get('/api/v1/inbox'), expect: SIGNED_IN },
  {
    name: 'GET /departments/:id/channels',
    call: (h) => h.get('/api/v1/departments/dept-a/channels'),
    expect: { anonymous: 401, 'dept-a': 200, 'dept-b': 404, operator: 200, admin: 200 },
  },
  {
    name: 'PUT /departments/:id/channels',
    call: (h) =>
      h.put('/api/v1/departments/dept-a/channels').send({ emails: ['contact@dept-a.example.gov.cn'] }),
    expect: { anonymous: 401, 'dept-a': 200, 'dept-b': 404, operator: 403, admin: 200 },
  },
  { name: 'GET /me', call: (h) => h.get('/api/v1/me'), expect: SIGNED_IN },
  { name: 'GET /auth/sso/config', call: (h) => h.get('/api/v1/auth/sso/config'), expect: ALL200 },
  {
    name: 'POST /temporal-codec/decode',
    call: (h) => h.post('/api/v1/temporal-codec/decode').send({ payloads: [] }),
    expect: ADMIN_ONLY,
  },
  // POST /auth/logout is in sign-in.spec.ts: here it would revoke the tokens the other cells use.
  { name: 'GET /api/v1/healthz', call: (h) => h.get('/api/v1/healthz'), expect: ALL200 },
  { name: 'GET /readyz', call: (h) => h.get('/readyz'), expect: ALL200 },
  { name: 'GET /metrics', call: (h) => h.get('/metrics'), expect: BUREAU_ONLY },
  { name: 'GET /docs-json', call: (h) => h.get('/docs-json'), expect: ALL200 },
  {
    name: 'GET /healthz',
    call: (h) => h.get('/healthz'),
    expect: { anonymous: 200, 'dept-a': 200, 'dept-b': 200, operator: 200, admin: 200 },
  },
];

describe.each(CELLS.map((c) => [c.name, c] as const))('%s', (_name, cell) => {
  it.each(WHO)('as %s', async (who) => {
    const request = cell.call(system.http());
    if (who !== 'anonymous') request.set('Authorization', `Bearer ${await system.token(who)}`);
    const res = await request;
    expect({ who, status: res.status }).toEqual({ who, status: cell.expect[who] });
    if (res.status >= 400) expect(res.headers['content-type']).toContain('application/problem+json');
  });
});

it('a department never sees another department in lists and summaries', async () => {
  const b = { Authorization: `Bearer ${await system.token('dept-b')}` };
  const list = await system.http().get('/api/v1/projects').set(b).expect(200);
  expect(list.body.items.every((i: { departmentId: string }) => i.departmentId === 'dept-b')).toBe(true);
  await system.http().get('/api/v1/projects?department=dept-a').set(b).expect(404);
  const summary = await system.http().get('/api/v1/oversight/summary').set(b).expect(200);
  expect(summary.body.items.every((i: { departmentId: string }) => i.departmentId === 'dept-b')).toBe(true);
});

it('a project that does not exist looks the same as another department’s', async () => {
  const b = { Authorization: `Bearer ${await system.token('dept-b')}` };
  const missing = await system
    .http()
    .get('/api/v1/projects/00000000-0000-4000-8000-000000000000')
    .set(b)
    .expect(404);
  const hidden = await system.http().get(`/api/v1/projects/${projectA}`).set(b).expect(404);
  expect(hidden.body.title).toBe(missing.body.title);
});
