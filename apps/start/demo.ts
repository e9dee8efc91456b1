import { addDays, shanghaiDateOf, WorkingCalendar } from '../../domain';

interface DemoProject {
  as: string;
  body: Record<string, unknown>;
  facts: (today: string) => Record<string, unknown>[];
}

const cal = WorkingCalendar.standard();

/** A handful of projects under different regulations, at different stages, some of them late. */
const PROJECTS: DemoProject[] = [
  {
    as: 'dept-a',
    body: { name: '一网通办平台升级（山东）', policy: 'shandong', planYear: 2027, investment: 3_500_000 },
    facts: (today) => [{ type: 'contract.signed', on: cal.subtractWorkingDays(today, 8) }],
  },
  {
    as: 'dept-a',
    body: { name: '电子证照库扩容（武汉）', policy: 'wuhan', planYear: 2026, investment: 800_000 },
    facts: (today) => [
      { type: 'contract.signed', on: addDays(today, -200) },
      { type: 'construction.completed', on: addDays(today, -170) },
    ],
  },
  {
    as: 'dept-b',
    body: { name: '不动产登记系统改造（吉林）', policy: 'jilin', planYear: 2026, investment: 2_600_000 },
    facts: (today) => [
      { type: 'construction.completed', on: addDays(today, -60) },
      { type: 'trial-run.started', on: addDays(today, -58) },
      { type: 'acceptance.preliminary.passed', on: addDays(today, -40) },
      { type: 'trial-run.stable', on: addDays(today, -35) },
    ],
  },
  {
    as: 'dept-b',
    body: {
      name: '规划审批数据治理（金湖）',
      policy: 'jinhu',
      planYear: Number(new Date().getFullYear()) + 1,
      investment: 1_200_000,
      category: 'key',
    },
    facts: () => [],
  },
];

async function post(
  base: string,
  path: string,
  body: unknown,
  token?: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${base}/api/v1${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function login(base: string, username: string, password: string): Promise<string> {
  const res = await post(base, '/auth/login', { username, password });
  if (res.status !== 200)
    throw new Error(`demo login for ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.accessToken as string;
}

/** Registers the demo projects through the API itself, exactly as a department would. */
export async function seedDemoProjects(base: string, password: string): Promise<number> {
  const today = shanghaiDateOf(Date.now());
  let created = 0;
  for (const project of PROJECTS) {
    const token = await login(base, project.as, password);
    const res = await post(base, '/projects', project.body, token);
    if (res.status !== 201)
      throw new Error(`demo project ${project.body.name}: ${res.status} ${JSON.stringify(res.body)}`);
    for (const fact of project.facts(today)) {
      const recorded = await post(base, `/projects/${res.body.id as string}/events`, fact, token);
      if (recorded.status !== 200)
        throw new Error(`demo fact ${fact.type}: ${recorded.status} ${JSON.stringify(recorded.body)}`);
    }
    created += 1;
  }
  return created;
}
