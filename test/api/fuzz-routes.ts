/**
 * Every route of the API (README's table, `matrix.spec.ts`) with a request it would accept, and where a
 * bad value fits in it: the robustness spec sends each one with exactly one thing wrong.
 */
import fc from 'fast-check';
import { daysInMonth, fromParts } from '../../domain';

export interface FuzzRoute {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** `project` is one of the spec's projects, `junk` an id that names nothing. */
  path: (ids: { project: string; junk: string }) => string;
  /** A body this route accepts (never sent as is: one field is always spoilt). */
  template?: Record<string, unknown>;
  /** Paths (dotted, `days.0.date`) in the template, or query parameters, that hold a date or free text. */
  dates?: string[];
  texts?: string[];
  /** Query parameters the route validates (`texts`/`dates` then name query parameters). */
  query?: boolean;
  /** An empty body is a valid request here (every field optional), so it is not sent. */
  emptyOk?: boolean;
  /** Changes nothing even when it succeeds (the engine over HTTP), so junk may be answered 200. */
  safe?: boolean;
  /** Also sent with the junk as an uploaded file (multipart field `file`), named with this extension. */
  upload?: 'csv' | 'xlsx';
}

const today = '2026-01-05';
/** A well-formed id that names nothing: the body is checked before the lookup, so it must be named. */
const UNKNOWN = '00000000-0000-4000-8000-000000000000';

export const FUZZ_ROUTES: FuzzRoute[] = [
  {
    method: 'post',
    path: () => '/api/v1/auth/login',
    // No such account: a spoilt password for a real one would count towards its lockout.
    template: { username: 'fuzz-nobody', password: 'wrong-password' },
    texts: ['username', 'password'],
  },
  {
    method: 'post',
    path: () => '/api/v1/projects',
    template: {
      name: '模糊测试项目',
      policy: 'wuhan',
      planYear: 2027,
      investment: 1,
      plannedAcceptanceOn: '2027-06-30',
    },
    dates: ['plannedAcceptanceOn'],
    texts: ['name', 'policy'],
  },
  {
    method: 'get',
    path: () => '/api/v1/projects',
    query: true,
    dates: ['dueBefore'],
    texts: ['department', 'status', 'policy', 'page'],
  },
  { method: 'get', path: ({ project }) => `/api/v1/projects/${project}` },
  { method: 'get', path: ({ junk }) => `/api/v1/projects/${junk}` },
  {
    method: 'get',
    path: ({ project }) => `/api/v1/projects/${project}/audit`,
    query: true,
    texts: ['page', 'pageSize'],
  },
  { method: 'get', path: ({ junk }) => `/api/v1/projects/${junk}/audit` },
  {
    method: 'post',
    path: ({ project }) => `/api/v1/projects/${project}/events`,
    template: { type: 'change.requested', on: today, amount: 1, newTotal: 900_000 },
    dates: ['on'],
    texts: ['type'],
  },
  {
    method: 'post',
    path: ({ project }) => `/api/v1/projects/${project}/events`,
    template: {
      type: 'extension.granted',
      on: today,
      obligation: 'acceptance.completion',
      until: '2099-01-01',
    },
    dates: ['on', 'until'],
    texts: ['obligation'],
  },
  {
    method: 'post',
    path: ({ junk }) => `/api/v1/projects/${junk}/events`,
    template: { type: 'change.requested', on: today, amount: 1, newTotal: 900_000 },
    dates: ['on'],
  },
  {
    method: 'post',
    path: ({ project }) => `/api/v1/projects/${project}/changes`,
    template: { on: today, amount: 1, newTotal: 900_000 },
    dates: ['on'],
  },
  {
    method: 'post',
    path: ({ project }) => `/api/v1/projects/${project}/pause`,
    template: { reason: '检查' },
    texts: ['reason'],
  },
  {
    method: 'post',
    path: ({ project }) => `/api/v1/projects/${project}/resume`,
    template: { reason: '检查' },
    texts: ['reason'],
  },
  {
    method: 'post',
    path: ({ project }) => `/api/v1/projects/${project}/terminate`,
    template: { reason: '检查', effectiveOn: '2099-01-01' },
    dates: ['effectiveOn'],
    texts: ['reason'],
  },
  {
    method: 'get',
    path: () => '/api/v1/oversight/overdue',
    query: true,
    dates: ['dueBefore'],
    texts: ['department', 'regulation', 'minDaysOverdue', 'q'],
  },
  {
    method: 'get',
    path: () => '/api/v1/oversight/summary',
    query: true,
    texts: ['department', 'regulation'],
  },
  { method: 'get', path: () => '/api/v1/calendar/years' },
  {
    method: 'put',
    path: () => '/api/v1/calendar/years/2098',
    template: { year: 2098, days: [{ name: '测试假日', date: '2098-01-01', isOffDay: true }] },
    dates: ['days.0.date'],
    texts: ['days.0.name'],
  },
  { method: 'put', path: ({ junk }) => `/api/v1/calendar/years/${junk}`, template: { year: 2098, days: [] } },
  { method: 'get', path: ({ project }) => `/api/v1/projects/${project}/calendar.ics` },
  {
    method: 'post',
    path: () => '/api/v1/calendar/feeds',
    template: { departmentId: 'dept-a' },
    texts: ['departmentId'],
    emptyOk: true,
  },
  { method: 'delete', path: ({ junk }) => `/api/v1/calendar/feeds/${junk}` },
  { method: 'get', path: ({ junk }) => `/api/v1/feeds/${junk}/calendar.ics` },
  { method: 'get', path: () => '/api/v1/policies' },
  { method: 'get', path: ({ junk }) => `/api/v1/policies/${junk}` },
  {
    method: 'post',
    path: () => '/api/v1/simulate',
    template: {
      policy: 'wuhan',
      project: { planYear: 2026, investment: 1, plannedAcceptanceOn: '2026-06-30' },
      events: [{ type: 'contract.signed', on: today }],
      asOf: '2026-02-01',
    },
    dates: ['asOf', 'events.0.on', 'project.plannedAcceptanceOn'],
    safe: true,
    texts: ['policy', 'events.0.type'],
  },
  { method: 'get', path: () => '/api/v1/inbox', query: true, texts: ['page', 'pageSize'] },
  { method: 'post', path: ({ junk }) => `/api/v1/inbox/${junk}/read` },
  { method: 'get', path: () => '/api/v1/departments/dept-a/channels' },
  { method: 'get', path: ({ junk }) => `/api/v1/departments/${junk}/channels` },
  {
    method: 'put',
    path: () => '/api/v1/departments/dept-a/channels',
    template: { emails: ['contact@dept.example.gov.cn'], webhookSecret: '0123456789abcdef' },
    texts: ['emails.0', 'webhookSecret'],
    emptyOk: true,
  },
  { method: 'get', path: ({ junk }) => `/api/v1/notifications/${junk}` },
  { method: 'post', path: ({ junk }) => `/api/v1/notifications/${junk}/retry` },
  {
    method: 'post',
    path: () => '/api/v1/plan-filings',
    template: { policy: 'jinhu', planYear: 2027, on: today, departmentId: 'dept-a' },
    dates: ['on'],
    texts: ['policy', 'departmentId'],
  },
  {
    method: 'get',
    path: () => '/api/v1/oversight/plan-filings',
    query: true,
    dates: ['year'],
    texts: ['year'],
  },
  { method: 'get', path: () => '/api/v1/plan-filings/schedules' },
  { method: 'get', path: () => '/api/v1/me' },
  {
    method: 'put',
    path: () => '/api/v1/me/preferences',
    template: { email: 'someone@example.gov.cn', dailyDigest: false },
    texts: ['email'],
    emptyOk: true,
  },
  {
    method: 'post',
    path: () => '/api/v1/me/password',
    template: { currentPassword: 'not-the-password', newPassword: 'Fuzz-Password-2026' },
    texts: ['currentPassword', 'newPassword'],
  },
  { method: 'get', path: () => '/api/v1/audit/verify' },
  { method: 'get', path: () => '/api/v1/oversight/incidents', query: true, texts: ['page', 'pageSize'] },
  { method: 'post', path: ({ junk }) => `/api/v1/oversight/incidents/${junk}/retry` },
  {
    method: 'get',
    path: () => '/api/v1/projects/export.xlsx',
    query: true,
    dates: ['dueBefore'],
    texts: ['department', 'status', 'policy', 'q'],
  },
  {
    method: 'get',
    path: () => '/api/v1/projects/export.csv',
    query: true,
    dates: ['dueBefore'],
    texts: ['department', 'status', 'policy', 'q'],
  },
  { method: 'get', path: () => '/api/v1/departments', query: true, texts: ['active'] },
  {
    method: 'post',
    path: () => '/api/v1/departments',
    template: {
      code: 'dept-fuzz',
      name: '模糊测试部门',
      contacts: [{ name: '张三', phone: '13912345678', email: 'zhangsan@fuzz.example.gov.cn' }],
    },
    texts: ['code', 'name', 'contacts.0.name', 'contacts.0.phone', 'contacts.0.email'],
  },
  {
    method: 'patch',
    path: () => '/api/v1/departments/dept-a',
    template: { name: '模糊测试部门', contacts: [{ name: '张三', phone: '13912345678' }], active: true },
    texts: ['name', 'contacts.0.name', 'contacts.0.phone', 'active'],
    emptyOk: true,
  },
  { method: 'patch', path: ({ junk }) => `/api/v1/departments/${junk}`, template: { name: '模糊测试部门' } },
  { method: 'get', path: () => '/api/v1/users', query: true, texts: ['role', 'department'] },
  {
    method: 'post',
    path: () => '/api/v1/users',
    template: {
      username: 'fuzz.user',
      displayName: '模糊测试',
      role: 'department',
      departmentId: 'dept-a',
      phone: '13912345678',
      email: 'fuzz@example.gov.cn',
    },
    texts: ['username', 'displayName', 'role', 'departmentId', 'phone', 'email', 'password'],
  },
  {
    method: 'patch',
    path: () => '/api/v1/users/dept-b',
    template: { displayName: '模糊测试', phone: '13912345678', email: 'fuzz@example.gov.cn' },
    texts: ['displayName', 'phone', 'email', 'departmentId', 'escalationRole'],
    emptyOk: true,
  },
  { method: 'patch', path: ({ junk }) => `/api/v1/users/${junk}`, template: { displayName: '模糊测试' } },
  // Only names that are no account: a real one would have its password reset.
  { method: 'post', path: ({ junk }) => `/api/v1/users/fuzz-${junk}/reset-password` },
  { method: 'get', path: () => '/api/v1/imports/template.xlsx' },
  { method: 'post', path: () => '/api/v1/imports', query: true, texts: ['dryRun'] },
  { method: 'post', path: () => '/api/v1/imports?dryRun=true' },
  // A junk file is answered with its problems by row and column (200, nothing registered).
  { method: 'post', path: () => '/api/v1/imports', upload: 'csv', safe: true },
  { method: 'post', path: () => '/api/v1/imports', upload: 'xlsx', safe: true },
  { method: 'post', path: () => '/api/v1/imports?dryRun=true', upload: 'csv', safe: true },
  {
    method: 'post',
    path: ({ project }) => `/api/v1/projects/${project}/facts/0/corrections`,
    template: { kind: 'date', on: today, reason: '误录' },
    dates: ['on'],
    texts: ['kind', 'reason'],
  },
  {
    method: 'post',
    path: ({ project }) => `/api/v1/projects/${project}/facts/0/correct`,
    template: { kind: 'date', on: today, reason: '误录' },
    dates: ['on'],
    texts: ['kind', 'reason'],
  },
  {
    method: 'post',
    path: ({ junk }) => `/api/v1/projects/${junk}/facts/0/corrections`,
    template: { kind: 'withdraw', reason: '误录' },
  },
  {
    method: 'get',
    path: () => '/api/v1/corrections',
    query: true,
    texts: ['status', 'department', 'projectId', 'page', 'pageSize'],
  },
  {
    method: 'post',
    path: () => `/api/v1/corrections/${UNKNOWN}/approve`,
    template: { reason: '同意' },
    texts: ['reason'],
  },
  {
    method: 'post',
    path: () => `/api/v1/corrections/${UNKNOWN}/refuse`,
    template: { reason: '不同意' },
    texts: ['reason'],
  },
  { method: 'post', path: ({ junk }) => `/api/v1/corrections/${junk}/approve`, template: { reason: '同意' } },
  {
    method: 'post',
    path: ({ project }) => `/api/v1/projects/${project}/obligations/contract.filing/urgings`,
    template: { message: '请尽快办理', answerBy: '2099-01-01' },
    dates: ['answerBy'],
    texts: ['message'],
  },
  {
    method: 'post',
    path: ({ junk }) => `/api/v1/projects/${junk}/obligations/${junk}/urgings`,
    template: { message: '请尽快办理', answerBy: '2099-01-01' },
  },
  {
    method: 'post',
    path: () => `/api/v1/urgings/${UNKNOWN}/answers`,
    template: { reason: '合同在审核中', expectedOn: '2099-01-01' },
    dates: ['expectedOn'],
    texts: ['reason'],
  },
  {
    method: 'post',
    path: ({ junk }) => `/api/v1/urgings/${junk}/answers`,
    template: { reason: '合同在审核中', expectedOn: '2099-01-01' },
  },
  {
    method: 'get',
    path: () => '/api/v1/oversight/urgings',
    query: true,
    texts: ['state', 'department', 'page', 'pageSize'],
  },
  {
    method: 'get',
    path: () => '/api/v1/oversight/overdue-history',
    query: true,
    texts: ['days', 'department', 'regulation'],
  },
  {
    method: 'get',
    path: () => '/api/v1/oversight/due-soon',
    query: true,
    texts: ['yellowDays', 'department', 'regulation', 'q', 'page', 'pageSize'],
  },
  {
    method: 'get',
    path: () => '/api/v1/oversight/overdue/export.xlsx',
    query: true,
    dates: ['dueBefore'],
    texts: ['department', 'regulation', 'minDaysOverdue', 'q'],
  },
  {
    method: 'get',
    path: () => '/api/v1/oversight/overdue/export.csv',
    query: true,
    dates: ['dueBefore'],
    texts: ['department', 'regulation', 'minDaysOverdue', 'q'],
  },
  {
    method: 'get',
    path: () => '/api/v1/oversight/late-records',
    query: true,
    texts: ['department', 'regulation', 'page', 'pageSize'],
  },
  {
    method: 'get',
    path: () => '/api/v1/notifications/dead-letters',
    query: true,
    texts: ['department', 'page', 'pageSize'],
  },
  { method: 'get', path: () => '/api/v1/admin/webhook-allowlist' },
  {
    method: 'put',
    path: () => '/api/v1/admin/webhook-allowlist',
    template: { entries: ['oa.fuzz.example.gov.cn'] },
    texts: ['entries.0'],
  },
  { method: 'get', path: () => '/api/v1/auth/sso/config' },
  { method: 'get', path: () => '/api/v1/auth/sso/callback', query: true },
  {
    method: 'post',
    path: () => '/api/v1/temporal-codec/decode',
    template: { payloads: [{ metadata: { encoding: 'anNvbi9wbGFpbg==' }, data: 'eyJhIjoxfQ==' }] },
    texts: ['payloads.0.data'],
    safe: true,
  },
  // POST /auth/logout is left out: it would revoke the tokens the other requests use.
  { method: 'get', path: () => '/healthz' },
  { method: 'get', path: () => '/readyz' },
  { method: 'get', path: () => '/metrics' },
];

/** Dates that look like dates and are not: 2026-09-31, 2023-02-29, a month 13, and other near misses. */
export const impossibleDate = fc.oneof(
  fc
    .record({
      y: fc.integer({ min: 2000, max: 2099 }),
      m: fc.constantFrom(2, 4, 6, 9, 11),
      d: fc.integer({ min: 29, max: 31 }),
    })
    .filter(({ y, m, d }) => d > daysInMonth(y, m))
    .map(({ y, m, d }) => fromParts(y, m, d)),
  fc.constantFrom(
    '2026-09-31',
    '2027-02-30',
    '2023-02-29',
    '2100-02-29',
    '2024-13-01',
    '2024-00-10',
    '2024-01-00',
    '0000-00-00',
    '2024-1-1',
    '2024-01-01T00:00:00Z',
    ' 2024-01-01',
    '2024-01-01\u0000',
    '２０２４-０１-０１',
  ),
);

/** Text with a control character somewhere in it (NUL above all). */
export const controlText = fc
  .tuple(
    fc.string({ maxLength: 8 }),
    fc.constantFrom('\u0000', '\u0001', '\u0008', '\u000b', '\u000c', '\u001b', '\u001f', '\u007f'),
    fc.string({ maxLength: 8 }),
  )
  .map(([a, c, b]) => `${a}${c}${b}`);

/** JSON text nested `depth` levels deep, as objects or arrays. */
export function deepJson(depth: number, arrays: boolean): string {
  return arrays
    ? `${'['.repeat(depth)}1${']'.repeat(depth)}`
    : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

/** An id that names nothing: random text, control characters, impossible dates, an unknown UUID. */
export const junkId = fc
  .oneof(
    fc.string({ minLength: 1, maxLength: 20 }),
    controlText,
    impossibleDate,
    fc.constant('00000000-0000-4000-8000-000000000000'),
  )
  .filter((s) => s.trim() !== '' && !/^\s*\d{1,9}\s*$/.test(s) && s !== '.' && s !== '..')
  .map(encodeURIComponent);
