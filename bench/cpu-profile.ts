/**
 * A V8 CPU profile of this process while `work` runs, summarised by where the self time went: our own
 * layers (apps/api, activities, domain, workflows, db…) and each npm package, as shares of the samples.
 * The bench process runs the API, the worker and the client, so this splits the "node" CPU figure.
 */
import { Session } from 'node:inspector/promises';

interface ProfileNode {
  id: number;
  callFrame: { url: string; functionName: string };
  hitCount?: number;
}

function bucketOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1] as string;
  if (url.startsWith('node:')) return 'node:' + url.slice(5).split('/')[0];
  const own = /\/(apps\/[^/]+|activities|domain|workflows|db|temporal|bench|net)\//.exec(url);
  return own ? (own[1] as string) : url.replace(/^.*\//, '');
}

export async function profileShares<T>(
  work: () => Promise<T>,
  top = 15,
): Promise<{ result: T; selfTimeShares: Record<string, number> }> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 500 });
  await session.post('Profiler.start');
  let result: T;
  let profile: { nodes: ProfileNode[] };
  try {
    result = await work();
  } finally {
    ({ profile } = (await session.post('Profiler.stop')) as { profile: { nodes: ProfileNode[] } });
    session.disconnect();
  }
  const hits = new Map<string, number>();
  let total = 0;
  for (const node of profile.nodes) {
    const n = node.hitCount ?? 0;
    total += n;
    const bucket = bucketOf(node.callFrame.url, node.callFrame.functionName);
    hits.set(bucket, (hits.get(bucket) ?? 0) + n);
  }
  const selfTimeShares = Object.fromEntries(
    [...hits.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([bucket, n]) => [bucket, n / total]),
  );
  return { result, selfTimeShares };
}
