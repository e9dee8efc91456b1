/**
 * A backlog of queued notices for one webhook receiver on loopback, and that receiver: it checks each
 * call's signature, accepts each idempotency key once, counts repeats, and notices if two calls with
 * the same key were ever in flight at once. Shared by the dispatcher's tests and its benchmark.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DataSource } from 'typeorm';
import {
  IDEMPOTENCY_HEADER,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  verifySignature,
} from '../../apps/dispatcher/webhook.channel';

export interface CountingReceiver {
  url: string;
  /** Keys accepted (each once), in the order they first arrived, with when. */
  accepted: Map<string, number>;
  calls: () => number;
  badSignatures: () => number;
  /** Times a call arrived while another with the same key was still being answered. */
  overlaps: () => number;
  /** Most calls in flight at once. */
  peakInFlight: () => number;
  close(): Promise<void>;
}

export async function countingReceiver(
  secret: string,
  options: { delayMs?: number } = {},
): Promise<CountingReceiver> {
  const accepted = new Map<string, number>();
  const inFlight = new Map<string, number>();
  let calls = 0;
  let bad = 0;
  let overlaps = 0;
  let current = 0;
  let peak = 0;
  const server: Server = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    calls += 1;
    current += 1;
    peak = Math.max(peak, current);
    const key = String(req.headers[IDEMPOTENCY_HEADER]);
    if ((inFlight.get(key) ?? 0) > 0) overlaps += 1;
    inFlight.set(key, (inFlight.get(key) ?? 0) + 1);
    const ok = verifySignature(
      secret,
      String(req.headers[TIMESTAMP_HEADER]),
      body,
      String(req.headers[SIGNATURE_HEADER]),
      Date.now(),
    );
    if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
    inFlight.set(key, (inFlight.get(key) ?? 1) - 1);
    current -= 1;
    if (!ok) {
      bad += 1;
      res.writeHead(401).end();
      return;
    }
    if (!accepted.has(key)) accepted.set(key, Date.now());
    res.writeHead(200).end();
  });
  server.keepAliveTimeout = 1_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/deadlines`,
    accepted,
    calls: () => calls,
    badSignatures: () => bad,
    overlaps: () => overlaps,
    peakInFlight: () => peak,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * `count` reminders, queued (not yet fanned out) for a fresh department whose webhook is `url`. The
 * obligation they remind of is open in the read model, so none is superseded. Work other tests left in
 * the shared database is set aside first (unless `setAside: false`, for a second backlog beside the
 * first), so only these are due.
 */
export async function queueBacklog(
  dataSource: DataSource,
  options: { count: number; url: string; secret: string; setAside?: boolean },
): Promise<{ departmentId: string; projectId: string }> {
  const departmentId = `dept-${randomUUID().slice(0, 8)}`;
  const projectId = `proj-${randomUUID().slice(0, 8)}`;
  if (options.setAside ?? true) {
    await dataSource.query(`UPDATE notifications SET fanned_out_at = now() WHERE fanned_out_at IS NULL`);
    await dataSource.query(
      `UPDATE deliveries SET status = 'dead' WHERE status IN ('pending', 'failed', 'sending')`,
    );
  }
  await dataSource.query(`INSERT INTO departments (id, name) VALUES ($1, '积压测试部门')`, [departmentId]);
  await dataSource.query(
    `INSERT INTO department_channels (department_id, email_enabled, webhook_url, webhook_secret, webhook_enabled)
     VALUES ($1, false, $2, $3, true)`,
    [departmentId, options.url, options.secret],
  );
  await dataSource.query(
    `INSERT INTO projects (id, name, department_id, policy_id, policy_version, attributes, status, flags, workflow_id)
     VALUES ($1, '积压测试项目', $2, 'shandong', '1', '{}', 'active', '[]', $3)`,
    [projectId, departmentId, `project-${projectId}`],
  );
  await dataSource.query(
    `INSERT INTO obligations (project_id, department_id, policy_id, project_name, key, title, due_on, status,
                              provisional, basis, explanation)
     VALUES ($1, $2, 'shandong', '积压测试项目', 'contract.filing', '合同备案', '2099-12-04', 'open', false,
             'Shandong 第十三条', '{}')`,
    [projectId, departmentId],
  );
  await dataSource.query(
    `INSERT INTO notifications (dedupe_key, project_id, department_id, obligation_key, kind, audience, due_on,
                                scheduled_for, written_at, payload)
     SELECT $1 || '|reminder|' || i, $1, $2, 'contract.filing', 'reminder', 'department', '2099-12-04',
            now(), now(), jsonb_build_object('projectName', '积压测试项目', 'title', '合同备案',
              'basis', 'Shandong 第十三条', 'message', '第 ' || i || ' 条提醒')
       FROM generate_series(1, $3::int) AS i`,
    [projectId, departmentId, options.count],
  );
  return { departmentId, projectId };
}
