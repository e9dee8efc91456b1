/**
 * Issue 10, "Chinese throughout": refusals worded in Chinese by default and English on request, with the
 * structured code kept; department names beside their codes; the 红黄绿灯 summary.
 */
import { shanghaiDateOf, WorkingCalendar } from '../../domain';
import { PASSWORD, useSystem } from './api-harness';

const system = useSystem();
const cal = WorkingCalendar.standard();
const today = shanghaiDateOf(Date.now());
const DEPT = 'dept-lights';
const DEPT_NAME = '市交通运输局信息中心';

const as = async (who: string) => ({ Authorization: `Bearer ${await system.token(who)}` });

async function register(name: string, departmentId: string, events: object[] = []): Promise<string> {
  const res = await system
    .http()
    .post('/api/v1/projects')
    .set(await as('operator'))
    .send({ departmentId, name, policy: 'shandong', planYear: 2027, investment: 2_400_000, events })
    .expect(201);
  return res.body.id as string;
}

let refusedProject = '';
const ids: string[] = [];

beforeAll(async () => {
  // Inserted directly: POST /departments writes an audit entry that /audit/verify currently reports as
  // altered (jsonb reorders its keys), which would fail features.spec.ts's chain check in the same database.
  await system.dataSource.query('INSERT INTO departments (id, name) VALUES ($1, $2)', [DEPT, DEPT_NAME]);
  refusedProject = await register('中文拒绝测试项目', 'dept-b');
  // Red: the 5-working-day contract filing fell due 3 working days ago.
  ids.push(
    await register('红灯项目', DEPT, [{ type: 'contract.signed', on: cal.subtractWorkingDays(today, 8) }]),
  );
  // Yellow at 5 working days, green at 4: the filing falls due exactly 5 working days from today.
  ids.push(await register('黄灯项目', DEPT, [{ type: 'contract.signed', on: today }]));
  // Green: the acceptance application is due in three months.
  ids.push(await register('绿灯项目', DEPT, [{ type: 'construction.completed', on: today }]));
});

describe('a refused fact', () => {
  const post = async (language?: string) => {
    const req = system
      .http()
      .post(`/api/v1/projects/${refusedProject}/events`)
      .set(await as('dept-b'))
      .send({ type: 'acceptance.applied', on: today });
    return (language ? req.set('Accept-Language', language) : req).expect(422);
  };

  it('is answered in Chinese by default, with the article and what to do next, and its code', async () => {
    const res = await post();
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body).toMatchObject({ status: 422, title: '无法办理', code: 'requires' });
    expect(res.body.detail).toContain(
      '请先登记“完成建设任务”（《山东省政务信息系统项目管理办法》第二十三条），再登记“提交竣工验收申请”',
    );
    expect(res.body.refusals).toEqual([
      {
        code: 'requires',
        params: { type: 'acceptance.applied', required: 'construction.completed', on: today },
        basis: 'Shandong 第二十三条',
      },
    ]);
  });

  it('is answered in English with Accept-Language: en', async () => {
    const res = await post('en-US,en;q=0.9');
    expect(res.body).toMatchObject({ title: 'Unprocessable Entity', code: 'requires' });
    expect(res.body.detail).toBe(
      `acceptance.applied needs construction.completed to be recorded first (on or before ${today})`,
    );
  });

  it('a fact the role may not record is refused in the same way (403)', async () => {
    const zh = await system
      .http()
      .post(`/api/v1/projects/${refusedProject}/events`)
      .set(await as('dept-b'))
      .send({ type: 'acceptance.passed', on: today })
      .expect(403);
    expect(zh.body).toMatchObject({ title: '无权操作', code: 'not-permitted' });
    expect(zh.body.detail).toBe('部门无权登记“竣工验收通过”，该事实由局经办人员、系统管理员登记');
    const en = await system
      .http()
      .post(`/api/v1/projects/${refusedProject}/events`)
      .set(await as('dept-b'))
      .set('Accept-Language', 'en')
      .send({ type: 'acceptance.passed', on: today })
      .expect(403);
    expect(en.body.detail).toBe(
      'a department may not record acceptance.passed; it is recorded by: operator, admin',
    );
  });
});

describe('department names beside their codes', () => {
  it('in project lists and detail', async () => {
    const list = await system
      .http()
      .get(`/api/v1/projects?department=${DEPT}`)
      .set(await as('operator'))
      .expect(200);
    expect(list.body.items.length).toBe(3);
    for (const p of list.body.items)
      expect(p).toMatchObject({ departmentId: DEPT, departmentName: DEPT_NAME });
    const detail = await system
      .http()
      .get(`/api/v1/projects/${refusedProject}`)
      .set(await as('dept-b'))
      .expect(200);
    expect(detail.body).toMatchObject({
      departmentId: 'dept-b',
      departmentName: '市自然资源和规划局信息中心',
    });
  });

  it('in the overdue list, its CSV and the summary CSV', async () => {
    const json = await system
      .http()
      .get(`/api/v1/oversight/overdue?department=${DEPT}`)
      .set(await as('operator'))
      .expect(200);
    expect(json.body.items).toEqual([
      expect.objectContaining({ departmentId: DEPT, departmentName: DEPT_NAME, projectName: '红灯项目' }),
    ]);
    const csv = await system
      .http()
      .get(`/api/v1/oversight/overdue?department=${DEPT}`)
      .set(await as('operator'))
      .set('Accept', 'text/csv')
      .expect(200);
    expect(csv.text).toContain(`${DEPT_NAME},红灯项目,`);
    expect(csv.text.trimEnd().endsWith(`,${DEPT}`)).toBe(true);
    const summary = await system
      .http()
      .get(`/api/v1/oversight/summary?department=${DEPT}`)
      .set(await as('operator'))
      .set('Accept', 'text/csv')
      .expect(200);
    expect(summary.text).toContain(`${DEPT_NAME},已逾期,1,${DEPT}`);
  });

  it('in iCalendar calendar names, for a project and a department feed', async () => {
    const project = await system
      .http()
      .get(`/api/v1/projects/${ids[0]}/calendar.ics`)
      .set(await as('operator'))
      .expect(200);
    // RFC 5545 folds long lines (CRLF + space); unfold before reading them.
    const unfold = (text: string) => text.replace(/\r\n /g, '');
    expect(unfold(project.text)).toContain(`X-WR-CALNAME:期限监管 · 红灯项目（${DEPT_NAME}）`);
    expect(unfold(project.text)).toContain(`部门：${DEPT_NAME}`);
    const feed = await system
      .http()
      .post('/api/v1/calendar/feeds')
      .set(await as('operator'))
      .send({ departmentId: DEPT })
      .expect(201);
    const ics = await system.http().get(feed.body.path).expect(200);
    expect(unfold(ics.text)).toContain(`X-WR-CALNAME:期限监管 · ${DEPT_NAME}`);
  });
});

describe('GET /oversight/summary: red, yellow and green per department', () => {
  /** What the lights must be, worked out from the projects' own obligations. */
  async function expected(yellowDays: number) {
    const until = cal.addWorkingDays(today, yellowDays);
    let red = 0;
    let yellow = 0;
    let green = 0;
    for (const id of ids) {
      const res = await system
        .http()
        .get(`/api/v1/projects/${id}`)
        .set(await as('operator'))
        .expect(200);
      for (const o of res.body.obligations as { status: string; dueOn: string | null }[]) {
        if (o.status === 'overdue') red++;
        else if (o.status === 'open' && o.dueOn !== null && o.dueOn <= until) yellow++;
        else if (o.status === 'open') green++;
      }
    }
    return { departmentId: DEPT, departmentName: DEPT_NAME, red, yellow, green };
  }

  it('counts the lights, five working days by default', async () => {
    const res = await system
      .http()
      .get(`/api/v1/oversight/summary?department=${DEPT}`)
      .set(await as('operator'))
      .expect(200);
    expect(res.body).toMatchObject({ asOf: today, yellowDays: 5, yellowUntil: cal.addWorkingDays(today, 5) });
    const lights = await expected(5);
    expect(res.body.departments).toEqual([lights]);
    // The constructed set has one of each, at least: the filing overdue, the filing due in 5, the acceptance.
    expect(lights.red).toBe(1);
    expect(lights.yellow).toBeGreaterThanOrEqual(1);
    expect(lights.green).toBeGreaterThanOrEqual(1);
  });

  it('takes yellowDays: at 4 the filing due in 5 working days turns green', async () => {
    const res = await system
      .http()
      .get(`/api/v1/oversight/summary?department=${DEPT}&yellowDays=4`)
      .set(await as('operator'))
      .expect(200);
    const four = await expected(4);
    expect(res.body.departments).toEqual([four]);
    const five = await expected(5);
    expect(four.yellow).toBe(five.yellow - 1);
    expect(four.green).toBe(five.green + 1);
    const wide = await system
      .http()
      .get(`/api/v1/oversight/summary?department=${DEPT}&yellowDays=30`)
      .set(await as('operator'))
      .expect(200);
    expect(wide.body.departments).toEqual([await expected(30)]);
  });

  it.each(['0', '31', 'abc', '2.5'])('refuses yellowDays=%s with a 400 naming yellowDays', async (value) => {
    const res = await system
      .http()
      .get(`/api/v1/oversight/summary?yellowDays=${value}`)
      .set(await as('operator'))
      .expect(400);
    expect(res.body.detail).toContain('yellowDays');
  });

  it('a department sees only its own lights', async () => {
    const res = await system
      .http()
      .get('/api/v1/oversight/summary')
      .set(await as('dept-b'))
      .expect(200);
    expect(res.body.departments.every((d: { departmentId: string }) => d.departmentId === 'dept-b')).toBe(
      true,
    );
  });
});

describe('every route family refuses in Chinese by default and in English on request', () => {
  const CJK = /[\u3400-\u9fff]/;
  const JUNK_ID = '00000000-0000-4000-8000-000000000000';
  type Who = 'admin' | 'operator' | 'dept-a' | 'dept-b' | null;
  interface Case {
    family: string;
    who: Who;
    method: 'get' | 'post' | 'put' | 'patch';
    path: string;
    body?: unknown;
    headers?: Record<string, string>;
    /** Sent as the multipart field `file` instead of a JSON body. */
    upload?: Buffer;
    status: number;
  }
  const project = { name: '拒绝清单项目', policy: 'wuhan', planYear: 2027, investment: 1 };
  const CASES: Case[] = [
    { family: 'auth: no token', who: null, method: 'get', path: '/api/v1/projects', status: 401 },
    {
      family: 'auth: bad token',
      who: null,
      method: 'get',
      path: '/api/v1/projects',
      headers: { Authorization: 'Bearer not-a-token' },
      status: 401,
    },
    {
      family: 'auth: wrong password',
      who: null,
      method: 'post',
      path: '/api/v1/auth/login',
      body: { username: 'nobody-zh', password: 'wrong-password' },
      status: 401,
    },
    { family: 'roles', who: 'dept-b', method: 'get', path: '/api/v1/audit/verify', status: 403 },
    {
      family: 'projects: hidden',
      who: 'dept-b',
      method: 'get',
      path: `/api/v1/projects/${JUNK_ID}`,
      status: 404,
    },
    {
      family: 'validation: wrong type',
      who: 'operator',
      method: 'post',
      path: '/api/v1/projects',
      body: { ...project, departmentId: 'dept-b', name: 42 },
      status: 400,
    },
    {
      family: 'validation: unknown field',
      who: 'dept-b',
      method: 'post',
      path: '/api/v1/projects',
      body: { ...project, colour: 'red' },
      status: 400,
    },
    {
      family: 'validation: not an object',
      who: 'dept-b',
      method: 'post',
      path: '/api/v1/projects',
      body: [project],
      status: 400,
    },
    {
      family: 'idempotency',
      who: 'dept-b',
      method: 'post',
      path: '/api/v1/projects',
      body: project,
      headers: { 'Idempotency-Key': 'has a space' },
      status: 400,
    },
    {
      family: 'department scope',
      who: 'operator',
      method: 'post',
      path: '/api/v1/projects',
      body: project,
      status: 400,
    },
    { family: 'policies', who: 'dept-b', method: 'get', path: '/api/v1/policies/atlantis', status: 404 },
    {
      family: 'simulate',
      who: 'dept-b',
      method: 'post',
      path: '/api/v1/simulate',
      body: Array.from({ length: 21 }, () => ({
        policy: 'wuhan',
        project: { planYear: 2026, investment: 1 },
      })),
      status: 422,
    },
    {
      family: 'notifications',
      who: 'operator',
      method: 'get',
      path: `/api/v1/notifications/${JUNK_ID}`,
      status: 404,
    },
    {
      family: 'feeds',
      who: null,
      method: 'get',
      path: '/api/v1/feeds/no-such-token/calendar.ics',
      status: 404,
    },
    {
      family: 'calendar',
      who: 'admin',
      method: 'put',
      path: '/api/v1/calendar/years/2098',
      body: { year: 2097, days: [{ name: '测试假日', date: '2097-01-02', isOffDay: true }] },
      status: 400,
    },
    {
      family: 'calendar: notice',
      who: 'admin',
      method: 'put',
      path: '/api/v1/calendar/years/2098',
      body: { year: 2098, days: [] },
      status: 422,
    },
    {
      family: 'plan filings',
      who: 'operator',
      method: 'post',
      path: '/api/v1/plan-filings',
      body: { policy: 'jinhu', planYear: 2027, on: '2099-01-05', departmentId: 'dept-a' },
      status: 422,
    },
    {
      family: 'oversight',
      who: 'operator',
      method: 'get',
      path: '/api/v1/oversight/overdue?cursor=abc&page=1',
      status: 400,
    },
    {
      family: 'channels',
      who: 'dept-a',
      method: 'put',
      path: '/api/v1/departments/dept-a/channels',
      body: { webhookEnabled: true, webhookUrl: null },
      status: 422,
    },
    {
      family: 'departments',
      who: 'admin',
      method: 'patch',
      path: '/api/v1/departments/dept-a',
      body: {},
      status: 400,
    },
    {
      family: 'users',
      who: 'admin',
      method: 'patch',
      path: '/api/v1/users/nobody-zh',
      body: { displayName: '无此人' },
      status: 404,
    },
    {
      family: 'me/password',
      who: 'dept-a',
      method: 'post',
      path: '/api/v1/me/password',
      body: { currentPassword: 'not-the-password', newPassword: 'Another-Password-2026' },
      status: 422,
    },
    { family: 'imports', who: 'operator', method: 'post', path: '/api/v1/imports?dryRun=true', status: 400 },
    {
      family: 'corrections',
      who: 'operator',
      method: 'post',
      path: `/api/v1/corrections/${JUNK_ID}/approve`,
      body: { reason: '核对' },
      status: 404,
    },
    { family: 'sso', who: null, method: 'get', path: '/api/v1/auth/sso', status: 404 },
    {
      family: 'temporal codec',
      who: 'admin',
      method: 'post',
      path: '/api/v1/temporal-codec/decode',
      body: { payloads: 'x' },
      status: 400,
    },
    {
      family: 'validation: a Rule of the project (username)',
      who: 'admin',
      method: 'post',
      path: '/api/v1/users',
      body: { username: 'Not A Name', displayName: '某人', role: 'operator' },
      status: 400,
    },
    {
      family: 'validation: a date (IsIsoDateString)',
      who: 'dept-a',
      method: 'post',
      path: `/api/v1/urgings/${JUNK_ID}/answers`,
      body: { reason: '合同在审核中', expectedOn: '2026-02-30' },
      status: 400,
    },
    {
      family: 'validation: contacts',
      who: 'admin',
      method: 'post',
      path: '/api/v1/departments',
      body: { code: 'dept-zh', name: '某某部门', contacts: [{ name: '张三', phone: '123' }] },
      status: 400,
    },
    {
      family: 'validation: a query message (urgings state)',
      who: 'operator',
      method: 'get',
      path: '/api/v1/oversight/urgings?state=lost',
      status: 400,
    },
    {
      family: 'validation: a blank reason',
      who: 'operator',
      method: 'post',
      path: `/api/v1/corrections/${JUNK_ID}/approve`,
      body: { reason: '   ' },
      status: 400,
    },
    {
      family: 'validation: overdue-history days',
      who: 'operator',
      method: 'get',
      path: '/api/v1/oversight/overdue-history?days=0',
      status: 400,
    },
    {
      family: 'password rules: a new password',
      who: 'dept-b',
      method: 'post',
      path: '/api/v1/me/password',
      body: { currentPassword: PASSWORD, newPassword: 'short' },
      status: 422,
    },
    {
      family: 'password rules: a chosen initial password',
      who: 'admin',
      method: 'post',
      path: '/api/v1/users',
      body: { username: 'weak.zh', displayName: '弱密码', role: 'operator', password: 'alllowercaseletters' },
      status: 422,
    },
    {
      family: 'users: escalation role',
      who: 'admin',
      method: 'patch',
      path: '/api/v1/users/dept-b',
      body: { escalationRole: 'leadership' },
      status: 422,
    },
    {
      family: 'webhook allow-list',
      who: 'admin',
      method: 'put',
      path: '/api/v1/admin/webhook-allowlist',
      body: { entries: ['not a host!', '10.0.0.0/99'] },
      status: 422,
    },
    {
      family: 'webhook URL outside the allow-list',
      who: 'dept-a',
      method: 'put',
      path: '/api/v1/departments/dept-a/channels',
      body: { webhookUrl: 'http://10.1.2.3/hook' },
      status: 422,
    },
    {
      family: 'webhook URL with another protocol',
      who: 'dept-a',
      method: 'put',
      path: '/api/v1/departments/dept-a/channels',
      body: { webhookUrl: 'ftp://oa.example.gov.cn/hook' },
      status: 400,
    },
    {
      family: 'imports: more rows than an import takes',
      who: 'operator',
      method: 'post',
      path: '/api/v1/imports?dryRun=true',
      upload: Buffer.from(
        `项目编号,项目名称\n${Array.from({ length: 2001 }, (_, i) => `R${i},行${i}`).join('\n')}\n`,
      ),
      status: 413,
    },
    {
      family: 'imports: a file over 5 MB',
      who: 'operator',
      method: 'post',
      path: '/api/v1/imports?dryRun=true',
      upload: Buffer.alloc(5 * 1024 * 1024 + 1, 0x41),
      status: 413,
    },
    { family: 'unknown route', who: 'dept-a', method: 'get', path: '/api/v1/no-such-route', status: 404 },
  ];

  const send = async (c: Case, language?: string) => {
    let req = system.http()[c.method](c.path);
    if (c.who) req = req.set(await as(c.who));
    for (const [k, v] of Object.entries(c.headers ?? {})) req = req.set(k, v);
    if (language) req = req.set('Accept-Language', language);
    if (c.upload) return req.attach('file', c.upload, 'projects.csv');
    return c.body === undefined ? req : req.send(c.body as object);
  };

  it.each(CASES.map((c) => [c.family, c] as const))('%s', async (_family, c) => {
    const zh = await send(c);
    expect(zh.status).toBe(c.status);
    expect(zh.headers['content-type']).toContain('application/problem+json');
    // A detail with no Chinese character is an English-only answer a person could not act on.
    expect(zh.body.title).toMatch(CJK);
    expect(zh.body.detail).toMatch(CJK);
    const en = await send(c, 'en');
    expect(en.status).toBe(c.status);
    expect(en.body.title).not.toMatch(CJK);
    expect(en.body.detail).not.toMatch(CJK);
    expect(en.body.detail).toMatch(/[a-z]{3}/);
  });

  it('a validation refusal names each field in both languages', async () => {
    const c = CASES.find((x) => x.family === 'validation: wrong type') as Case;
    const zh = await send(c);
    expect(zh.body.detail).toContain('「name」须为文本');
    expect(zh.body.errors).toEqual(expect.arrayContaining([expect.stringContaining('「name」')]));
    const en = await send(c, 'en');
    expect(en.body.detail).toContain('name must be a string');
  });
});
