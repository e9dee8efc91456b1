/**
 * 2,000 generated bad requests: not one 5xx, every error a problem+json, and the database exactly as
 * before. Then a holiday notice upload that moves a provisional due date.
 */
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { CalendarYearEntity } from '../../db/entities';
import { shanghaiDateOf, WorkingCalendar, yearOf, addDays } from '../../domain';
import { useSystem } from './api-harness';

const system = useSystem();
let projectId = '';

beforeAll(async () => {
  const token = await system.token('dept-a');
  const res = await system
    .http()
    .post('/api/v1/projects')
    .set('Authorization', `Bearer ${token}`)
    .send({ name: '健壮性测试项目', policy: 'wuhan', planYear: 2027, investment: 900_000 });
  projectId = res.body.id;
});

const TABLES = [
  'projects',
  'facts',
  'obligations',
  'notifications',
  'calendar_years',
  'audit_log',
  'feed_tokens',
  'users',
  'departments',
];

async function fingerprint(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of TABLES) {
    const rows = await system.dataSource.query(`SELECT * FROM ${table} ORDER BY 1`);
    out[table] = createHash('sha256').update(JSON.stringify(rows)).digest('hex');
  }
  return out;
}

const junk = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 6 }),
  fc.record({ type: fc.string(), on: fc.string(), amount: fc.anything() }, { requiredKeys: [] }),
  fc.record({
    name: fc.anything(),
    policy: fc.constantFrom('jilin', 'wuhan', 'x'),
    planYear: fc.anything(),
    investment: fc.anything(),
    extra: fc.anything(),
  }),
  fc.record({
    year: fc.integer(),
    days: fc.array(fc.record({ name: fc.anything(), date: fc.string(), isOffDay: fc.anything() }), {
      maxLength: 3,
    }),
  }),
);

const ROUTES: { method: 'post' | 'put'; path: () => string }[] = [
  { method: 'post', path: () => '/api/v1/projects' },
  { method: 'post', path: () => `/api/v1/projects/${projectId}/events` },
  { method: 'post', path: () => `/api/v1/projects/${projectId}/changes` },
  { method: 'post', path: () => `/api/v1/projects/${projectId}/pause` },
  { method: 'post', path: () => `/api/v1/projects/${projectId}/terminate` },
  { method: 'post', path: () => '/api/v1/projects/not-a-uuid/events' },
  { method: 'put', path: () => '/api/v1/calendar/years/2098' },
  { method: 'put', path: () => '/api/v1/calendar/years/abc' },
  { method: 'post', path: () => '/api/v1/auth/login' },
  { method: 'post', path: () => '/api/v1/calendar/feeds' },
];

it('answers 2,000 generated bad requests without a 5xx and without touching the database', async () => {
  const tokens = { admin: await system.token('admin'), 'dept-a': await system.token('dept-a') };
  const before = await fingerprint();
  const seen = new Map<number, number>();
  await fc.assert(
    fc.asyncProperty(
      fc.integer({ min: 0, max: ROUTES.length - 1 }),
      fc.constantFrom<keyof typeof tokens>('admin', 'dept-a'),
      fc.oneof(
        junk.map((body) => ({ kind: 'json' as const, body })),
        fc.string({ maxLength: 40 }).map((raw) => ({ kind: 'raw' as const, raw })),
      ),
      fc.option(fc.string({ maxLength: 120 }), { nil: undefined }),
      async (routeIndex, who, payload, key) => {
        const route = ROUTES[routeIndex] as (typeof ROUTES)[number];
        let req = system.http()[route.method](route.path()).set('Authorization', `Bearer ${tokens[who]}`);
        if (key !== undefined) req = req.set('Idempotency-Key', key.replace(/[\r\n]/g, ''));
        // A body that is valid for its route is not a bad request: make every JSON body carry a stray field.
        const body =
          payload.kind === 'raw'
            ? `{"fuzzStray": ${payload.raw}`
            : JSON.stringify(
                payload.body !== null && typeof payload.body === 'object' && !Array.isArray(payload.body)
                  ? { ...payload.body, fuzzStray: true }
                  : payload.body,
              );
        const res = await req.set('Content-Type', 'application/json').send(body);
        seen.set(res.status, (seen.get(res.status) ?? 0) + 1);
        if (res.status >= 500)
          throw new Error(`${route.method} ${route.path()} → ${res.status}: ${JSON.stringify(res.body)}`);
        if (res.status >= 400) expect(res.headers['content-type']).toContain('application/problem+json');
        expect(res.status).toBeGreaterThanOrEqual(400);
      },
    ),
    { numRuns: 2000 },
  );
  expect([...seen.keys()].every((s) => s >= 400 && s < 500)).toBe(true);
  expect(await fingerprint()).toEqual(before);
}, 300_000);

it('a holiday notice upload moves a provisional due date and says how many projects moved', async () => {
  const admin = { Authorization: `Bearer ${await system.token('admin')}` };
  const dept = { Authorization: `Bearer ${await system.token('dept-a')}` };
  const created = await system
    .http()
    .post('/api/v1/projects')
    .set(dept)
    .send({ name: '日历测试项目', policy: 'wuhan', planYear: 2027, investment: 900_000 })
    .expect(201);
  const id = created.body.id as string;
  const recorded = await system
    .http()
    .post(`/api/v1/projects/${id}/events`)
    .set(dept)
    .send({ type: 'operation.started', on: shanghaiDateOf(Date.now()) })
    .expect(200);
  const before = recorded.body.obligations.find((o: { key: string }) => o.key === 'self-evaluation');
  expect(before.provisional).toBe(true);
  const year = yearOf(before.dueOn);
  const notice = { year, days: [{ name: '测试假日', date: before.dueOn, isOffDay: true }] };
  try {
    const loaded = await system
      .http()
      .put(`/api/v1/calendar/years/${year}`)
      .set(admin)
      .send(notice)
      .expect(200);
    expect(loaded.body).toMatchObject({ year, days: 1 });
    expect(loaded.body.projectsMoved).toBeGreaterThanOrEqual(1);
    const expected = WorkingCalendar.standard().withNotice(notice).rollForward(addDays(before.dueOn, 1));
    let dueOn = before.dueOn;
    for (let i = 0; i < 50 && dueOn !== expected; i++) {
      await new Promise((r) => setTimeout(r, 100));
      const detail = await system.http().get(`/api/v1/projects/${id}`).set(dept).expect(200);
      dueOn = detail.body.obligations.find((o: { key: string }) => o.key === 'self-evaluation').dueOn;
    }
    expect(dueOn).toBe(expected);
    const years = await system.http().get('/api/v1/calendar/years').set(dept).expect(200);
    expect(years.body.official).toContainEqual(expect.objectContaining({ year, origin: 'loaded' }));
  } finally {
    await system.dataSource.getRepository(CalendarYearEntity).delete({ year });
  }
});
