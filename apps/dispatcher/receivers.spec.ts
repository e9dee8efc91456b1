import { Lanes, receiverOf } from './receivers';

/** Work that finishes when the test says so, recording how many ran at once overall and per lane. */
function harness(global: number, perLane: number) {
  const running = new Map<string, number>();
  const peak = new Map<string, number>();
  let now = 0;
  let peakAll = 0;
  const finish: (() => void)[] = [];
  const done: string[] = [];
  const lanes = new Lanes<string>(
    global,
    perLane,
    (item) => item.split(':')[0] as string,
    (item) => {
      const lane = item.split(':')[0] as string;
      running.set(lane, (running.get(lane) ?? 0) + 1);
      peak.set(lane, Math.max(peak.get(lane) ?? 0, running.get(lane) as number));
      peakAll = Math.max(peakAll, ++now);
      return new Promise<void>((resolve) =>
        finish.push(() => {
          running.set(lane, (running.get(lane) ?? 1) - 1);
          now -= 1;
          done.push(item);
          resolve();
        }),
      );
    },
  );
  const tick = async () => {
    for (const f of finish.splice(0)) f();
    await new Promise((r) => setImmediate(r));
  };
  return { lanes, peak, peakAll: () => peakAll, done, tick, started: () => finish.length };
}

it('keeps at most perLane in flight per lane and global overall, and a full lane does not hold up others', async () => {
  const h = harness(6, 2);
  for (let i = 0; i < 10; i++) h.lanes.add(`slow:${i}`);
  for (let i = 0; i < 10; i++) h.lanes.add(`fast:${i}`);
  for (let i = 0; i < 3; i++) h.lanes.add(`other:${i}`);
  // slow's ten came first, yet every lane got its two slots at once.
  expect(h.started()).toBe(6);
  expect([...h.peak.entries()].sort()).toEqual([
    ['fast', 2],
    ['other', 2],
    ['slow', 2],
  ]);
  while (h.lanes.size > 0) await h.tick();
  expect(h.peakAll()).toBeLessThanOrEqual(6);
  expect(Math.max(...h.peak.values())).toBe(2);
  expect(h.done).toHaveLength(23);
});

it('hands back queued items that have not started, and idle() reports the first failure', async () => {
  const h = harness(2, 1);
  for (let i = 0; i < 5; i++) h.lanes.add(`a:${i}`);
  expect(h.lanes.takeQueued()).toEqual(['a:1', 'a:2', 'a:3', 'a:4']);
  expect(h.lanes.size).toBe(1);
  await h.tick();
  await h.lanes.idle();
  const failing = new Lanes<number>(
    2,
    2,
    () => 'x',
    async (n) => {
      if (n === 2) throw new Error(`item ${n} broke`);
    },
  );
  [1, 2, 3].forEach((n) => failing.add(n));
  await expect(failing.idle()).rejects.toThrow('item 2 broke');
});

it('puts webhooks in one lane per host and all mail in one', () => {
  const d = (channel: string, recipient: string) => ({ channel, recipient });
  expect(receiverOf(d('webhook', 'https://oa.example.gov.cn/a'))).toBe('webhook:oa.example.gov.cn');
  expect(receiverOf(d('webhook', 'https://oa.example.gov.cn:8443/b'))).toBe('webhook:oa.example.gov.cn:8443');
  expect(receiverOf(d('email', 'a@dept.example'))).toBe('smtp');
  expect(receiverOf(d('webhook', 'not a url'))).toBe('webhook:not a url');
});
