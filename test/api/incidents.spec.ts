/**
 * Impossible dates are a 400 naming the field on every path into the system, and a workflow step that
 * fails for good is an incident the bureau sees (list and Prometheus gauge) and an administrator retries,
 * while the project keeps answering. Faults are real PostgreSQL errors raised by a trigger.
 */
import { randomBytes } from 'node:crypto';
import { shanghaiDateOf } from '../../domain';
import { useSystem } from './api-harness';

const system = useSystem();
const today = shanghaiDateOf(Date.now());
const auth = async (who: string) => ({ Authorization: `Bearer ${await system.token(who)}` });

async function eventually<T>(probe: () => Promise<T | null | undefined>, what: string): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const value = await probe();
    if (value) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

it('an impossible date is a 400 naming the field, in a fact, a registration and a query, and the project carries on', async () => {
  const dept = await auth('dept-a');
  const created = await system
    .http()
    .post('/api/v1/projects')
    .set(dept)
    .send({ name: '日期校验项目', policy: 'wuhan', planYear: 2027, investment: 900_000 })
    .expect(201);
  const id = created.body.id as string;
  const fact = await system
    .http()
    .post(`/api/v1/projects/${id}/events`)
    .set(dept)
    .send({ type: 'construction.completed', on: '2026-09-31' })
    .expect(400);
  expect(fact.body.detail).toContain('「on」不是有效的日期（应为 YYYY-MM-DD 的真实日期）：2026-09-31');
  const registration = await system
    .http()
    .post('/api/v1/projects')
    .set(dept)
    .send({ name: '日期', policy: 'wuhan', planYear: 2027, investment: 1, plannedAcceptanceOn: '2027-02-30' })
    .expect(400);
  expect(registration.body.detail).toContain('「plannedAcceptanceOn」不是有效的日期');
  const list = await system.http().get('/api/v1/projects?dueBefore=2024-02-30').set(dept).expect(400);
  expect(list.body.detail).toContain('「dueBefore」不是有效的日期');
  await system
    .http()
    .post(`/api/v1/projects/${id}/events`)
    .set(dept)
    .send({ type: 'construction.completed', on: today })
    .expect(200);
});

it('a step failing for good is an incident in the list and the gauge; facts are refused meanwhile; an administrator retries it once fixed', async () => {
  const name = `故障演练项目-${randomBytes(3).toString('hex')}`;
  const fn = `test_fault_${randomBytes(4).toString('hex')}`;
  await system.dataSource.query(`
    CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.name = '${name}' THEN RAISE EXCEPTION 'injected fault' USING ERRCODE = '22023'; END IF;
      RETURN NEW;
    END $$`);
  // Only updates fail: the API's own insert of the row goes through, the workflow's projection does not.
  await system.dataSource.query(
    `CREATE TRIGGER ${fn} BEFORE UPDATE ON projects FOR EACH ROW EXECUTE FUNCTION ${fn}()`,
  );
  const removeFault = async () => {
    await system.dataSource.query(`DROP TRIGGER IF EXISTS ${fn} ON projects`);
    await system.dataSource.query(`DROP FUNCTION IF EXISTS ${fn}()`);
  };
  try {
    const [dept, operator, admin] = [await auth('dept-a'), await auth('operator'), await auth('admin')];
    const created = await system
      .http()
      .post('/api/v1/projects')
      .set(dept)
      .send({ name, policy: 'wuhan', planYear: 2027, investment: 900_000 })
      .expect(201);
    const id = created.body.id as string;
    type Item = { id: string; projectId: string };
    const openFor = async () => {
      const res = await system.http().get('/api/v1/oversight/incidents').set(operator).expect(200);
      return (res.body.items as Item[]).find((i) => i.projectId === id);
    };
    const incident = await eventually(openFor, 'the incident in the list');
    expect(incident).toMatchObject({
      departmentId: 'dept-a',
      subject: name,
      step: 'registration',
      stepTitle: '登记后首次计算期限',
      errorType: 'DatabaseDataError',
      attempts: 1,
    });
    expect((incident as unknown as { error: string }).error).toContain('22023');
    const metrics = await system.http().get('/metrics').set(operator).expect(200);
    const gauge = /deadline_keeper_open_incidents\{step="registration"\} (\d+)/.exec(metrics.text);
    expect(Number(gauge?.[1])).toBeGreaterThanOrEqual(1);
    await system.http().get('/api/v1/oversight/incidents').set(dept).expect(403);

    const asked = Date.now();
    const refused = await system
      .http()
      .post(`/api/v1/projects/${id}/events`)
      .set(dept)
      .send({ type: 'construction.completed', on: today })
      .expect(422);
    expect(Date.now() - asked).toBeLessThan(15_000);
    expect(refused.body.detail).toContain('未能记录该事实，项目保持原状');

    await system.http().post(`/api/v1/oversight/incidents/${incident.id}/retry`).set(operator).expect(403);
    await removeFault();
    const retried = await system
      .http()
      .post(`/api/v1/oversight/incidents/${incident.id}/retry`)
      .set(admin)
      .expect(200);
    expect(retried.body).toEqual({ id: incident.id, step: 'registration', retried: true });
    const audited: unknown[] = await system.dataSource.query(
      `SELECT 1 FROM audit_log WHERE action = 'incident.retried' AND project_id = $1`,
      [id],
    );
    expect(audited).toHaveLength(1);
    await eventually(async () => !(await openFor()), 'the incident to close');
    await system.http().post(`/api/v1/oversight/incidents/${incident.id}/retry`).set(admin).expect(404);
    await system
      .http()
      .post(`/api/v1/projects/${id}/events`)
      .set(dept)
      .send({ type: 'construction.completed', on: today })
      .expect(200);
  } finally {
    await removeFault();
  }
});
