/** /simulate is bounded in cost, limited per user, and computed off the event loop that serves everyone. */
import { useSystem } from './api-harness';

const system = useSystem({ simulate: { threads: 1, perMinute: 6 } });
const bearer = async (who: string) => ({ Authorization: `Bearer ${await system.token(who)}` });

/** About half a second of engine work and 1.4 MB of answer: 20 projects followed to 2099. */
function heavyRequest() {
  const events: unknown[] = [{ type: 'contract.signed', on: '2005-03-01' }];
  for (let i = 0; i < 49; i++)
    events.push({ type: 'change.requested', on: '2005-04-01', amount: 1, newTotal: 3_500_000 });
  const c = {
    policy: 'wuhan',
    project: { planYear: 2005, investment: 3_500_000 },
    events,
    asOf: '2099-12-31',
  };
  return Array.from({ length: 20 }, () => c);
}

it('refuses more cases or events than it computes, naming the limit', async () => {
  const auth = await bearer('dept-b');
  const one = { policy: 'wuhan', project: { planYear: 2027, investment: 1 }, events: [], asOf: '2027-01-01' };
  const tooMany = await system
    .http()
    .post('/api/v1/simulate')
    .set(auth)
    .send(Array.from({ length: 21 }, () => one))
    .expect(422);
  expect(tooMany.body.detail).toContain('最多模拟 20 个案例');
  const longCase = { ...one, events: Array.from({ length: 201 }, () => ({ type: 'x', on: '2027-01-01' })) };
  const tooLong = await system.http().post('/api/v1/simulate').set(auth).send([one, longCase]).expect(422);
  expect(tooLong.body.detail).toContain('第 2 个案例的「events」超过 200 条');
  // A bad single case is still refused with the engine's reason.
  const bad = await system
    .http()
    .post('/api/v1/simulate')
    .set(auth)
    .send({ ...one, policy: 'nowhere' })
    .expect(422);
  expect(bad.body.detail).toContain('nowhere');
});

it('keeps /healthz fast while heavy simulations run', async () => {
  const auth = await bearer('operator');
  const body = heavyRequest();
  const heavy = Array.from({ length: 3 }, () => system.http().post('/api/v1/simulate').set(auth).send(body));
  const running = Promise.all(heavy.map((r) => r.then((res) => res)));
  await new Promise((r) => setTimeout(r, 100));
  const latencies: number[] = [];
  for (let i = 0; i < 5; i++) {
    const started = Date.now();
    await system.http().get('/healthz').expect(200);
    latencies.push(Date.now() - started);
    await new Promise((r) => setTimeout(r, 50));
  }
  const answers = await running;
  expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
  expect(answers[0]?.body).toHaveLength(20);
  // On the event loop, three of these held /healthz for over a second; in the pool it barely notices.
  expect(Math.max(...latencies)).toBeLessThan(250);
});

it('limits each user, not each address', async () => {
  const one = { policy: 'wuhan', project: { planYear: 2027, investment: 1 }, events: [], asOf: '2027-01-01' };
  const admin = await bearer('admin');
  const statuses: number[] = [];
  for (let i = 0; i < 7; i++)
    statuses.push((await system.http().post('/api/v1/simulate').set(admin).send(one)).status);
  expect(statuses.slice(0, 6).every((s) => s === 200)).toBe(true);
  expect(statuses[6]).toBe(429);
  // Another user at the same address is not held back.
  await system
    .http()
    .post('/api/v1/simulate')
    .set(await bearer('dept-a'))
    .send(one)
    .expect(200);
});
