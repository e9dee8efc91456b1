/**
 * A group robot's URL carries its secret (DingTalk's access_token, WeCom's key, Feishu's hook id), so
 * what is stored beside a delivery or answered by the API is a stand-in for it, never the URL itself.
 */
import { createHash } from 'node:crypto';

/**
 * What a delivery row names instead of the robot's URL: the host and a short digest of the whole URL,
 * so a changed URL no longer matches the planned delivery.
 */
export function robotRecipient(url: string): string {
  const host = URL.canParse(url) ? new URL(url).host : 'invalid';
  return `${host}#${createHash('sha256').update(url).digest('hex').slice(0, 12)}`.slice(0, 200);
}

/** The robot's URL with its token, key or hook id masked, for an API answer. */
export function maskRobotUrl(url: string | null): string | null {
  if (!url || !URL.canParse(url)) return url ? '***' : null;
  const u = new URL(url);
  for (const name of ['access_token', 'key']) if (u.searchParams.has(name)) u.searchParams.set(name, '***');
  const hook = u.pathname.match(/^(.*\/hook\/)([^/]+)$/);
  if (hook) u.pathname = `${hook[1]}***`;
  return u.toString().replace(/%2A%2A%2A/g, '***');
}
