/**
 * Temporal reached around the API: every payload is sealed (AES-256-GCM), so what Temporal stores
 * shows no names or amounts, and a message forged with the Temporal CLI, without the key, is turned
 * away while the project goes on answering. Administrators read the payloads through the codec
 * endpoint, as the Temporal CLI and UI call it.
 */
import { Client, Connection } from '@temporalio/client';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { AuditEntryEntity } from '../../db/entities';
import { useSystem } from './api-harness';

const run = promisify(execFile);
const system = useSystem({ codecCorsOrigins: ['http://localhost:8233'] });
const as = async (who: string) => ({ Authorization: `Bearer ${await system.token(who)}` });
const NAME = `加密测试项目-${randomUUID().slice(0, 6)}`;
const INVESTMENT = 3_456_789;
let projectId = '';
let workflowId = '';
let raw: Client;
let codecUrl = '';

/** The Temporal CLI, as the tester used it against port 7233. */
async function temporal(...args: string[]) {
  const cli = process.env.TEMPORAL_CLI;
  if (!cli) throw new Error('TEMPORAL_CLI is not set (run through npm test)');
  return run(cli, [...args, '--address', system.env.address], { encoding: 'utf8' }).then(
    (r) => ({ ok: true, out: r.stdout + r.stderr }),
    (e: { stdout?: string; stderr?: string }) => ({ ok: false, out: `${e.stdout ?? ''}${e.stderr ?? ''}` }),
  );
}

/** The payload bytes the CLI printed (its JSON shows them as base64), as text. */
const shownPayloads = (out: string) =>
  [...out.matchAll(/"data":\s*"([A-Za-z0-9+/=]+)"/g)].map((m) =>
    Buffer.from(m[1] as string, 'base64').toString(),
  );

async function project() {
  return (
    await system
      .http()
      .get(`/api/v1/projects/${projectId}`)
      .set(await as('admin'))
      .expect(200)
  ).body;
}

beforeAll(async () => {
  const res = await system
    .http()
    .post('/api/v1/projects')
    .set(await as('dept-a'))
    .send({
      name: NAME,
      policy: 'shandong',
      planYear: 2026,
      investment: INVESTMENT,
      events: [{ type: 'contract.signed', on: '2026-08-03' }],
    })
    .expect(201);
  projectId = res.body.id;
  workflowId = `project-${projectId}`;
  // A client without the key: what anyone who reaches Temporal's port has.
  raw = new Client({ connection: await Connection.connect({ address: system.env.address }) });
  const server = system.app.getHttpServer();
  if (!server.listening) await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  codecUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/temporal-codec`;
});

afterAll(() => raw?.connection.close());

it('stores no name or amount in Temporal: every payload of the history is sealed', async () => {
  const history = await raw.workflow.getHandle(workflowId).fetchHistory();
  const bytes = Buffer.from(JSON.stringify(history));
  expect(bytes.includes(Buffer.from(NAME))).toBe(false);
  expect(bytes.includes(Buffer.from(String(INVESTMENT)))).toBe(false);
  const started = history.events?.[0]?.workflowExecutionStartedEventAttributes;
  const encoding = Buffer.from(started?.input?.payloads?.[0]?.metadata?.encoding ?? []).toString();
  expect(encoding).toBe('binary/encrypted');
  // What the CLI shows without the codec: sealed bytes, not the project.
  const shown = await temporal('workflow', 'show', '--workflow-id', workflowId, '--output', 'json');
  expect(shown.ok).toBe(true);
  expect(shownPayloads(shown.out).length).toBeGreaterThan(3);
  expect(shownPayloads(shown.out).some((p) => p.includes(NAME))).toBe(false);
});

it('turns away an update forged with the Temporal CLI; the project is not paused and keeps working', async () => {
  const forged = await temporal(
    'workflow',
    'update',
    'execute',
    '--workflow-id',
    workflowId,
    '--name',
    'pause',
    '--input',
    JSON.stringify({ actor: { id: 'forged-admin', role: 'admin' }, reason: '伪造的暂停' }),
  );
  expect(forged.ok).toBe(false);
  expect(forged.out).toContain('无法解密，已拒绝');
  // Sealed-looking bytes under an invented key id fare no better.
  const fake = await temporal(
    'workflow',
    'update',
    'execute',
    '--workflow-id',
    workflowId,
    '--name',
    'pause',
    '--input-meta',
    'encoding=binary/encrypted',
    '--input-meta',
    'encryption-key-id=guessed',
    '--input-base64',
    '--input',
    Buffer.from('x'.repeat(64)).toString('base64'),
  );
  expect(fake.ok).toBe(false);
  expect(fake.out).toMatch(/密钥未配置 \(no key \\?"guessed\\?" is configured\)/);
  const signal = await temporal(
    'workflow',
    'signal',
    '--workflow-id',
    workflowId,
    '--name',
    'calendarChanged',
    '--input',
    '{"year":2027,"reason":"forged"}',
  );
  expect(signal.ok).toBe(true);

  expect((await project()).status).toBe('active');
  await system
    .http()
    .post(`/api/v1/projects/${projectId}/events`)
    .set(await as('dept-a'))
    .send({ type: 'contract.filed', on: '2026-08-07' })
    .expect(200);
  const history = await raw.workflow.getHandle(workflowId).fetchHistory();
  // Nothing forged ever failed a workflow task: the project never stopped answering.
  expect(history.events?.some((e) => e.workflowTaskFailedEventAttributes)).toBe(false);
  const filing = (await project()).obligations.find((o: { key: string }) => o.key === 'contract.filing');
  expect(filing).toMatchObject({ status: 'met' });
});

it('fails a workflow started around the API with plaintext input instead of leaving it stuck', async () => {
  const id = `project-forged-${randomUUID().slice(0, 6)}`;
  const started = await temporal(
    'workflow',
    'start',
    '--type',
    'projectLifecycle',
    '--task-queue',
    system.temporal.taskQueue,
    '--workflow-id',
    id,
    '--input',
    '{"project":{"id":"forged"}}',
  );
  expect(started.ok).toBe(true);
  await expect(raw.workflow.getHandle(id).result()).rejects.toThrow('Workflow execution failed');
  const history = await raw.workflow.getHandle(id).fetchHistory();
  const failure = history.events?.find((e) => e.workflowExecutionFailedEventAttributes);
  expect(failure?.workflowExecutionFailedEventAttributes?.failure?.message).toContain(
    '启动参数的数据无法解密',
  );
});

describe('the codec endpoint', () => {
  async function startedPayloads() {
    const history = await raw.workflow.getHandle(workflowId).fetchHistory();
    const input = history.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads ?? [];
    return input.map((p) => ({
      metadata: Object.fromEntries(
        Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v ?? []).toString('base64')]),
      ),
      data: Buffer.from(p.data ?? []).toString('base64'),
    }));
  }

  it('shows administrators the payloads, through the Temporal CLI with an admin token', async () => {
    const shown = await temporal(
      'workflow',
      'show',
      '--workflow-id',
      workflowId,
      '--output',
      'json',
      '--codec-endpoint',
      codecUrl,
      '--codec-auth',
      `Bearer ${await system.token('admin')}`,
    );
    expect(shown.ok).toBe(true);
    const started = shownPayloads(shown.out).find((p) => p.includes(NAME));
    expect(JSON.parse(started ?? '{}').project).toMatchObject({
      name: NAME,
      attributes: { investment: INVESTMENT },
    });
  });

  it('decodes for administrators only, and leaves what it cannot open as it is', async () => {
    const payloads = await startedPayloads();
    const plaintext = { metadata: { encoding: Buffer.from('json/plain').toString('base64') }, data: 'e30=' };
    const res = await system
      .http()
      .post('/api/v1/temporal-codec/decode')
      .set(await as('admin'))
      .send({ payloads: [...payloads, plaintext] })
      .expect(200);
    expect(Buffer.from(res.body.payloads[0].data, 'base64').toString()).toContain(NAME);
    expect(res.body.payloads[1]).toEqual(plaintext);
    for (const who of ['operator', 'dept-a']) {
      await system
        .http()
        .post('/api/v1/temporal-codec/decode')
        .set(await as(who))
        .send({ payloads })
        .expect(403);
    }
    await system.http().post('/api/v1/temporal-codec/decode').send({ payloads }).expect(401);
    const bad = await system
      .http()
      .post('/api/v1/temporal-codec/decode')
      .set(await as('admin'))
      .send({ payloads: [{ metadata: { encoding: 'not base64!' } }] })
      .expect(400);
    expect(bad.body.detail).toContain('metadata');
  });

  it('seals for administrators, audited; a sealed payload is one the worker opens', async () => {
    const value = {
      metadata: { encoding: Buffer.from('json/plain').toString('base64') },
      data: Buffer.from('"审计"').toString('base64'),
    };
    const sealed = await system
      .http()
      .post('/api/v1/temporal-codec/encode')
      .set(await as('admin'))
      .set('X-Namespace', 'default')
      .send({ payloads: [value] })
      .expect(200);
    expect(Buffer.from(sealed.body.payloads[0].metadata.encoding, 'base64').toString()).toBe(
      'binary/encrypted',
    );
    const opened = await system
      .http()
      .post('/api/v1/temporal-codec/decode')
      .set(await as('admin'))
      .send({ payloads: sealed.body.payloads })
      .expect(200);
    expect(opened.body.payloads[0]).toEqual(value);
    const audit = await system.dataSource
      .getRepository(AuditEntryEntity)
      .findOne({ where: { action: 'temporal-codec.encoded' }, order: { id: 'DESC' } });
    expect(audit?.details).toMatchObject({ payloads: 1, namespace: 'default' });
  });

  it('answers the Temporal UI origin an administrator allowed, and no other', async () => {
    const allowed = await system
      .http()
      .options('/api/v1/temporal-codec/decode')
      .set('Origin', 'http://localhost:8233')
      .set('Access-Control-Request-Headers', 'authorization,content-type,x-namespace')
      .expect(204);
    expect(allowed.headers['access-control-allow-origin']).toBe('http://localhost:8233');
    expect(allowed.headers['access-control-allow-headers']).toContain('Authorization');
    const other = await system
      .http()
      .options('/api/v1/temporal-codec/decode')
      .set('Origin', 'http://evil.example')
      .expect(403);
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
});
