import { createServer, Server } from 'node:http';
import {
  IDEMPOTENCY_HEADER,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  verifySignature,
} from '../dispatcher/webhook.channel';

/**
 * Stands in for a department's OA system in the demo: it checks each webhook's signature, drops repeated
 * keys, and prints what arrived.
 */
export function startDemoReceiver(
  port: number,
  secret: string,
): Promise<{ url: string; received: () => number; stop(): Promise<void> }> {
  const seen = new Set<string>();
  const server: Server = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    const ok = verifySignature(
      secret,
      String(req.headers[TIMESTAMP_HEADER]),
      body,
      String(req.headers[SIGNATURE_HEADER]),
      Date.now(),
    );
    if (!ok) {
      res.writeHead(401).end();
      return;
    }
    const key = String(req.headers[IDEMPOTENCY_HEADER]);
    if (!seen.has(key)) {
      seen.add(key);
      const message = (JSON.parse(body) as { subject?: string }).subject ?? '';
      console.log(`  [dept-a OA webhook] ${message}`);
    }
    res.writeHead(200).end();
  });
  return new Promise((resolve) =>
    server.listen(port, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${port}/hooks/deadlines`,
        received: () => seen.size,
        stop: () => new Promise<void>((r) => server.close(() => r())),
      }),
    ),
  );
}
