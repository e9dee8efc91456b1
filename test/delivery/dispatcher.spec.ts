/**
 * Delivery to real peers: an SMTP server (smtp-server) receives the mails, an HTTP receiver verifies
 * each webhook's signature. Retries, dead letters and a crash between sending and marking sent.
 */
import { simpleParser } from 'mailparser';
import { createServer, IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { In, type DataSource } from 'typeorm';
import { createEmailChannel } from '../../apps/dispatcher/email.channel';
import { Dispatcher } from '../../apps/dispatcher/dispatcher';
import { idempotencyKeyOf } from '../../apps/dispatcher/message';
import {
  IDEMPOTENCY_HEADER,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  verifySignature,
} from '../../apps/dispatcher/webhook.channel';
import { openDatabase } from '../../db/data-source';
import { DeliveryEntity, UserEntity } from '../../db/entities';
import { shanghaiInstant } from '../../domain';
import { departmentWithProject } from './delivery-fixtures';

let dataSource: DataSource;
const mails: { envelopeTo: string[]; raw: string }[] = [];
let smtp: SMTPServer;
let smtpPort = 0;

beforeAll(async () => {
  dataSource = await openDatabase(process.env.DATABASE_URL as string);
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (c: Buffer) => (raw += c.toString('utf8')));
      stream.on('end', () => {
        mails.push({ envelopeTo: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  smtpPort = (smtp.server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await dataSource.destroy();
});

/** A webhook receiver that checks signatures, fails the first `failures` calls, and drops repeated keys. */
async function receiver(secret: string, failures: number) {
  const state = { calls: 0, badSignatures: 0, accepted: new Map<string, unknown>(), keys: [] as string[] };
  const server: Server = createServer(async (req: IncomingMessage, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    state.calls += 1;
    const ok = verifySignature(
      secret,
      String(req.headers[TIMESTAMP_HEADER]),
      body,
      String(req.headers[SIGNATURE_HEADER]),
      Date.now(),
      10 ** 9,
    );
    if (!ok) {
      state.badSignatures += 1;
      res.writeHead(401).end();
      return;
    }
    if (state.calls <= failures) {
      res.writeHead(503).end();
      return;
    }
    const key = String(req.headers[IDEMPOTENCY_HEADER]);
    state.keys.push(key);
    if (!state.accepted.has(key)) state.accepted.set(key, JSON.parse(body));
    res.writeHead(200).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/deadlines`;
  return { state, url, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const clock = (start: number) => {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
};

it('emails every contact in Chinese, with the Message-ID of the notification', async () => {
  const fixture = await departmentWithProject(dataSource, {
    emails: ['a@dept.example', 'b@dept.example'],
    emailEnabled: true,
  });
  const n = await fixture.notify({});
  const time = clock(shanghaiInstant('2026-12-01', 9));
  const dispatcher = new Dispatcher(dataSource, {
    allow: ['127.0.0.1'],
    settleMs: 0,
    email: createEmailChannel(`smtp://127.0.0.1:${smtpPort}`),
    now: time.now,
  });
  const before = mails.length;
  await dispatcher.runOnce();
  const ours = mails.slice(before);
  expect(
    ours
      .map((m) => m.envelopeTo)
      .flat()
      .sort(),
  ).toEqual(['a@dept.example', 'b@dept.example']);
  const parsed = await simpleParser(ours[0]?.raw ?? '');
  expect(parsed.subject).toBe('【期限提醒】投递测试项目 · 合同备案 · 2026-12-04');
  expect(parsed.text).toContain('项目：投递测试项目');
  expect(parsed.text).toContain('事项：合同备案');
  expect(parsed.text).toContain('期限：2026-12-04（还有 3 天）');
  expect(parsed.text).toContain('依据：《山东省政务信息系统项目管理办法》第十三条');
  expect(parsed.messageId).toBe(`<${idempotencyKeyOf(n)}@deadline-keeper>`);
  const deliveries = await dataSource.getRepository(DeliveryEntity).findBy({ notificationId: n.id });
  expect(deliveries.map((d) => [d.channel, d.status, d.attempts])).toEqual([
    ['email', 'sent', 1],
    ['email', 'sent', 1],
  ]);
});

it('retries a receiver that fails three times, and it accepts exactly one delivery', async () => {
  const hook = await receiver('s3cret-s3cret-s3cret', 3);
  try {
    const fixture = await departmentWithProject(dataSource, {
      webhookUrl: hook.url,
      webhookSecret: 's3cret-s3cret-s3cret',
      webhookEnabled: true,
      emailEnabled: false,
    });
    const n = await fixture.notify({
      kind: 'escalation',
      audience: 'department-and-bureau',
      count: 1,
      dueOn: '2026-11-30',
    });
    const time = clock(shanghaiInstant('2026-12-01', 9));
    const dispatcher = new Dispatcher(dataSource, {
      allow: ['127.0.0.1'],
      settleMs: 0,
      email: null,
      now: time.now,
      baseDelayMs: 1000,
      maxAttempts: 6,
    });
    for (let i = 0; i < 6; i++) {
      await dispatcher.runOnce();
      time.advance(60_000);
    }
    expect(hook.state.badSignatures).toBe(0);
    expect(hook.state.calls).toBe(4);
    expect(hook.state.accepted.size).toBe(1);
    expect(hook.state.accepted.get(idempotencyKeyOf(n))).toMatchObject({
      kind: 'escalation',
      daysOverdue: 1,
      dueOn: '2026-11-30',
    });
    const [delivery] = await dataSource
      .getRepository(DeliveryEntity)
      .findBy({ notificationId: n.id, channel: 'webhook' });
    expect(delivery).toMatchObject({ status: 'sent', attempts: 4 });
  } finally {
    await hook.close();
  }
});

it('dead-letters a receiver that always fails, and an operator retry revives it', async () => {
  const hook = await receiver('another-secret-123', 1_000);
  try {
    const fixture = await departmentWithProject(dataSource, {
      webhookUrl: hook.url,
      webhookSecret: 'another-secret-123',
      webhookEnabled: true,
      emailEnabled: false,
    });
    const n = await fixture.notify({});
    const time = clock(shanghaiInstant('2026-12-01', 9));
    const dispatcher = new Dispatcher(dataSource, {
      allow: ['127.0.0.1'],
      settleMs: 0,
      email: null,
      now: time.now,
      baseDelayMs: 1000,
      maxDelayMs: 8000,
      maxAttempts: 4,
    });
    const waits: number[] = [];
    for (let i = 0; i < 10; i++) {
      await dispatcher.runOnce();
      const [d] = await dataSource.getRepository(DeliveryEntity).findBy({ notificationId: n.id });
      if (d?.status === 'failed') waits.push(d.nextAttemptAt.getTime() - time.now());
      time.advance(60_000);
    }
    const [dead] = await dataSource.getRepository(DeliveryEntity).findBy({ notificationId: n.id });
    expect(dead).toMatchObject({ status: 'dead', attempts: 4, lastError: '无法送达：接收方答复 HTTP 503' });
    expect(hook.state.calls).toBe(4);
    // Exponential with jitter: each wait within [50 %, 100 %] of 1 s, 2 s, 4 s.
    waits.forEach((w, i) => {
      expect(w).toBeGreaterThanOrEqual(500 * 2 ** i);
      expect(w).toBeLessThanOrEqual(1000 * 2 ** i);
    });
    expect(await dispatcher.retry(n.id)).toBe(1);
    await dispatcher.runOnce();
    expect(hook.state.calls).toBe(5);
  } finally {
    await hook.close();
  }
});

it('a dispatcher killed between sending and marking sent: the retry carries the same key, and the receiver drops it', async () => {
  const hook = await receiver('crash-secret-123456', 0);
  try {
    const fixture = await departmentWithProject(dataSource, {
      webhookUrl: hook.url,
      webhookSecret: 'crash-secret-123456',
      webhookEnabled: true,
      emailEnabled: false,
    });
    const n = await fixture.notify({});
    const time = clock(shanghaiInstant('2026-12-01', 9));
    const crashing = new Dispatcher(dataSource, {
      allow: ['127.0.0.1'],
      settleMs: 0,
      email: null,
      now: time.now,
      leaseMs: 120_000,
      afterSend: async () => {
        throw new Error('killed');
      },
    });
    await expect(crashing.runOnce()).rejects.toThrow('killed');
    const [stuck] = await dataSource.getRepository(DeliveryEntity).findBy({ notificationId: n.id });
    expect(stuck?.status).toBe('sending');
    const survivor = new Dispatcher(dataSource, {
      allow: ['127.0.0.1'],
      settleMs: 0,
      email: null,
      now: time.now,
    });
    await survivor.runOnce();
    expect(hook.state.calls).toBe(1); // still leased to the dead dispatcher
    time.advance(121_000);
    await survivor.runOnce();
    expect(hook.state.keys).toEqual([idempotencyKeyOf(n), idempotencyKeyOf(n)]);
    expect(hook.state.accepted.size).toBe(1);
    const [done] = await dataSource.getRepository(DeliveryEntity).findBy({ notificationId: n.id });
    expect(done).toMatchObject({ status: 'sent', attempts: 2 });
  } finally {
    await hook.close();
  }
});

it('sends escalations to bureau operators at once, or in one daily digest for those who chose it', async () => {
  const users = dataSource.getRepository(UserEntity);
  await users.upsert(
    [
      {
        id: 'op-now',
        username: 'op-now',
        displayName: '即时',
        passwordHash: 'x',
        role: 'operator',
        departmentId: null,
        email: 'now@bureau.example',
        dailyDigest: false,
      },
      {
        id: 'op-digest',
        username: 'op-digest',
        displayName: '日报',
        passwordHash: 'x',
        role: 'operator',
        departmentId: null,
        email: 'digest@bureau.example',
        dailyDigest: true,
      },
    ],
    ['id'],
  );
  try {
    const fixture = await departmentWithProject(dataSource, { emailEnabled: false });
    const first = await fixture.notify({
      kind: 'escalation',
      audience: 'department-and-bureau',
      count: 1,
      dueOn: '2026-11-30',
      title: '合同备案',
    });
    const second = await fixture.notify({
      kind: 'escalation',
      audience: 'department-and-bureau',
      count: 1,
      dueOn: '2026-11-27',
      obligationKey: 'annual-report.2026',
      title: '年度报告',
    });
    const time = clock(shanghaiInstant('2026-12-01', 10));
    const dispatcher = new Dispatcher(dataSource, {
      allow: ['127.0.0.1'],
      settleMs: 0,
      email: createEmailChannel(`smtp://127.0.0.1:${smtpPort}`),
      now: time.now,
      digestHour: 8,
    });
    const before = mails.length;
    await dispatcher.runOnce();
    // Other files' bureau accounts with an e-mail share the database: only this test's two count.
    const ours = (from: number) =>
      mails
        .slice(from)
        .filter((m) =>
          m.envelopeTo.some((to) => to === 'now@bureau.example' || to === 'digest@bureau.example'),
        );
    const immediate = ours(before);
    expect(immediate.every((m) => m.envelopeTo.includes('now@bureau.example'))).toBe(true);
    expect(immediate).toHaveLength(2);
    // The digest waits for 08:00 the next day, then comes as one mail.
    const afterImmediate = mails.length;
    time.advance(21 * 3_600_000); // 07:00 the next day
    await dispatcher.runOnce();
    expect(ours(afterImmediate)).toHaveLength(0);
    time.advance(2 * 3_600_000); // 09:00
    await dispatcher.runOnce();
    const digests = ours(afterImmediate);
    expect(digests).toHaveLength(1);
    expect(digests[0]?.envelopeTo).toEqual(['digest@bureau.example']);
    const parsed = await simpleParser(digests[0]?.raw ?? '');
    expect(parsed.subject).toBe('【逾期督办日报】2026-12-02 共 2 项');
    expect(parsed.text).toContain('合同备案');
    expect(parsed.text).toContain('年度报告');
    const states = await dataSource
      .getRepository(DeliveryEntity)
      .findBy({ notificationId: In([first.id, second.id]) });
    expect(states.map((d) => [d.channel, d.status]).sort()).toEqual([
      ['digest', 'sent'],
      ['digest', 'sent'],
      ['email', 'sent'],
      ['email', 'sent'],
    ]);
  } finally {
    await users.delete({ id: In(['op-now', 'op-digest']) });
  }
});
