/**
 * Generated bad requests on every route of the API: junk bodies, bodies a route would accept but for one
 * impossible date, control character or absurdly deep value, empty bodies, spoilt queries and ids. Not
 * one 5xx, every error a problem+json naming what is wrong, the database exactly as before, and every
 * project the requests touched still records a valid fact within seconds. Then a holiday notice upload
 * that moves a provisional due date.
 */
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { CalendarYearEntity } from '../../db/entities';
import { shanghaiDateOf, WorkingCalendar, yearOf, addDays } from '../../domain';
import { useSystem } from './api-harness';
import { controlText, deepJson, FUZZ_ROUTES, FuzzRoute, impossibleDate, junkId } from './fuzz-routes';

const system = useSystem();
const projects: string[] = [];

beforeAll(async () => {
  const token = await system.token('dept-a');
  for (const policy of ['wuhan', 'shandong']) {
    const res = await system
      .http()
      .post('/api/v1/projects')
      .set('Authorization', `Bearer ${token}`)
      .send({ name: '健壮性测试项目', policy, planYear: 2027, investment: 900_000 })
      .expect(201);
    projects.push(res.body.id);
  }
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
  'department_channels',
  'deliveries',
  'inbox_reads',
  'plan_filings',
  'incidents',
  'fact_corrections',
  'urgings',
  'webhook_allowlist',
  'sso_logins',
];

/** Each table's rows hashed; the audit log only up to `auditUpTo`, since refused attempts are audited. */
async function fingerprint(auditUpTo: number): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of TABLES) {
    const rows = await system.dataSource.query(
      `SELECT * FROM ${table} ${table === 'audit_log' ? `WHERE id <= ${auditUpTo}` : ''} ORDER BY 1`,
    );
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

/** One thing wrong: an impossible date, a control character, or a value nested far too deep. */
type Spoiler =
  | { kind: 'date'; value: string }
  | { kind: 'control'; value: string }
  | { kind: 'deep'; depth: number; arrays: boolean };
const spoiler: fc.Arbitrary<Spoiler> = fc.oneof(
  impossibleDate.map((value) => ({ kind: 'date' as const, value })),
  controlText.map((value) => ({ kind: 'control' as const, value })),
  fc.record({
    kind: fc.constant('deep' as const),
    depth: fc.integer({ min: 17, max: 3000 }),
    arrays: fc.boolean(),
  }),
);

type Payload =
  | { kind: 'json'; body: unknown }
  | { kind: 'raw'; raw: string }
  | { kind: 'empty' }
  | { kind: 'spoilt'; pick: number; spoiler: Spoiler };
const payload: fc.Arbitrary<Payload> = fc.oneof(
  junk.map((body) => ({ kind: 'json' as const, body })),
  fc.string({ maxLength: 40 }).map((raw) => ({ kind: 'raw' as const, raw })),
  fc.constant({ kind: 'empty' as const }),
  fc.record({ kind: fc.constant('spoilt' as const), pick: fc.nat(), spoiler }, { noNullPrototype: true }),
  fc.record({ kind: fc.constant('spoilt' as const), pick: fc.nat(), spoiler }, { noNullPrototype: true }),
);

const PLACEHOLDER = JSON.stringify('\u0000fuzz-deep\u0000');

/** The template's JSON with the value at `path` spoilt; deep values are spliced in as text. */
function spoilBody(template: Record<string, unknown>, path: string, s: Spoiler): string {
  const body = structuredClone(template) as Record<string, unknown>;
  const keys = path.split('.');
  let at: Record<string, unknown> = body;
  for (const key of keys.slice(0, -1)) at = at[key] as Record<string, unknown>;
  at[keys[keys.length - 1] as string] = s.kind === 'deep' ? '\u0000fuzz-deep\u0000' : s.value;
  const text = JSON.stringify(body);
  return s.kind === 'deep' ? text.replace(PLACEHOLDER, deepJson(s.depth, s.arrays)) : text;
}

function spoilQuery(param: string, s: Spoiler): string {
  if (s.kind === 'deep') return `${param}${'[a]'.repeat(Math.min(s.depth, 200))}=1`;
  return `${param}=${encodeURIComponent(s.value)}`;
}

/** Where a spoiler may go in a route: its date fields take any spoiler, its text fields all but dates. */
function targets(route: FuzzRoute, s: Spoiler): string[] {
  const dates = route.dates ?? [];
  const texts = route.texts ?? [];
  return s.kind === 'date' ? dates : [...dates, ...texts];
}

it('answers 3,000 generated bad requests on every route without a 5xx, naming what is wrong, changing nothing, and the projects touched still record facts', async () => {
  const tokens = {
    admin: await system.token('admin'),
    operator: await system.token('operator'),
    'dept-a': await system.token('dept-a'),
  };
  const [{ last }] = await system.dataSource.query('SELECT coalesce(max(id), 0) AS last FROM audit_log');
  const before = await fingerprint(Number(last));
  const seen = new Map<number, number>();
  await fc.assert(
    fc.asyncProperty(
      fc.integer({ min: 0, max: FUZZ_ROUTES.length - 1 }),
      fc.constantFrom<keyof typeof tokens>('admin', 'operator', 'dept-a'),
      fc.integer({ min: 0, max: projects.length - 1 }),
      junkId,
      payload,
      fc.option(fc.string({ maxLength: 120 }), { nil: undefined }),
      async (routeIndex, who, projectIndex, junkSegment, sent, key) => {
        const route = FUZZ_ROUTES[routeIndex] as FuzzRoute;
        const usesJunk = route.path({ project: '', junk: '\u0001' }).includes('\u0001');
        let path = route.path({ project: projects[projectIndex] as string, junk: junkSegment });
        let body: string | undefined;
        let named: string | undefined;
        if (sent.kind === 'spoilt') {
          const fields = targets(route, sent.spoiler);
          const field = fields[sent.pick % Math.max(1, fields.length)];
          if (field && route.template) {
            body = spoilBody(route.template, field, sent.spoiler);
            named = field.split('.')[0];
          } else if (field && route.query) {
            path += `?${spoilQuery(field, sent.spoiler)}`;
            named = field;
          } else if (route.method === 'get') {
            path += `?fuzz=${encodeURIComponent(sent.spoiler.kind === 'deep' ? 'x' : sent.spoiler.value)}`;
          }
        } else if (route.method !== 'get' && route.method !== 'delete') {
          if (sent.kind === 'json') {
            // A body that is valid for its route is not a bad request: every JSON object carries a stray field.
            const b = sent.body;
            body = JSON.stringify(
              b !== null && typeof b === 'object' && !Array.isArray(b) ? { ...b, fuzzStray: true } : b,
            );
          } else if (sent.kind === 'raw') {
            body = `{"fuzzStray": ${sent.raw}`;
          } else if (route.emptyOk) {
            return; // an empty body is a valid request there
          }
        }
        let req = system.http()[route.method](path).set('Authorization', `Bearer ${tokens[who]}`);
        if (key !== undefined) req = req.set('Idempotency-Key', key.replace(/[\r\n]/g, ''));
        if (route.upload) {
          const bytes = body ?? (sent.kind === 'raw' ? sent.raw : '项目编号,项目名称\n1,\u0000');
          req = req.attach('file', Buffer.from(bytes), `fuzz.${route.upload}`);
          body = undefined;
        } else if (body !== undefined) req = req.set('Content-Type', 'application/json');
        const res = await (body !== undefined ? req.send(body) : req);
        seen.set(res.status, (seen.get(res.status) ?? 0) + 1);
        const what = `${route.method} ${path.slice(0, 120)} ${body?.slice(0, 200) ?? ''}`;
        if (res.status >= 500) throw new Error(`${what} → ${res.status}: ${JSON.stringify(res.body)}`);
        if (res.status >= 400) expect(res.headers['content-type']).toContain('application/problem+json');
        if (route.method !== 'get' && !route.safe) expect(res.status).toBeGreaterThanOrEqual(400);
        // Refused for who is asking (401/403) is fine; refused for the input must name the field.
        if (named !== undefined && !usesJunk && res.status !== 401 && res.status !== 403) {
          if (res.status < 400 || !String(res.body.detail).includes(named)) {
            throw new Error(`${what} → ${res.status} does not name ${named}: ${JSON.stringify(res.body)}`);
          }
        }
      },
    ),
    { numRuns: 3000 },
  );
  expect([...seen.keys()].every((s) => s < 500)).toBe(true);
  expect(await fingerprint(Number(last))).toEqual(before);
  // The only audit entries the requests added record refused attempts (failed sign-ins among them).
  const added: { action: string }[] = await system.dataSource.query(
    'SELECT DISTINCT action FROM audit_log WHERE id > $1',
    [last],
  );
  expect(added.filter((a) => !a.action.endsWith('.refused') && a.action !== 'auth.login-failed')).toEqual([]);
  // Nothing the requests did froze a project: each records a valid fact within seconds.
  for (const id of projects) {
    const started = Date.now();
    await system
      .http()
      .post(`/api/v1/projects/${id}/events`)
      .set('Authorization', `Bearer ${tokens['dept-a']}`)
      .timeout(5_000)
      .send({ type: 'change.requested', on: shanghaiDateOf(Date.now()), amount: 1, newTotal: 900_000 })
      .expect(200);
    expect(Date.now() - started).toBeLessThan(5_000);
  }
}, 120_000);

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
