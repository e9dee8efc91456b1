/**
 * Where a benchmark's CPU goes, by process: this Node process (bench client, API and worker share it),
 * the Temporal dev server and PostgreSQL, read from /proc. On a 2-core machine throughput is bounded by
 * CPU, so CPU milliseconds per operation explain a throughput ratio better than wall time does.
 */
import { readdirSync, readFileSync } from 'node:fs';

type Group = 'node' | 'temporal' | 'postgres' | 'other';

interface ProcStat {
  pid: number;
  ppid: number;
  comm: string;
  ticks: number;
}

// USER_HZ: 100 on every Linux build this runs on (sysconf(_SC_CLK_TCK)).
const TICK_MS = 10;

function readStat(pid: string): ProcStat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // comm is parenthesised and may hold spaces; the fields after it are space-separated.
    const close = text.lastIndexOf(')');
    const comm = text.slice(text.indexOf('(') + 1, close);
    const fields = text.slice(close + 2).split(' ');
    return {
      pid: Number(pid),
      ppid: Number(fields[1]),
      comm,
      ticks: Number(fields[11]) + Number(fields[12]),
    };
  } catch {
    return undefined; // exited between readdir and read
  }
}

function groupOf(stat: ProcStat, self: number): Group {
  if (stat.pid === self) return 'node';
  if (stat.comm.startsWith('postgres')) return 'postgres';
  if (stat.comm.startsWith('temporal')) return 'temporal';
  return 'other';
}

/** CPU milliseconds used so far by this process and its descendants, per group. */
export function cpuSnapshot(): Record<Group, number> {
  const self = process.pid;
  const stats = readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(readStat)
    .filter((s): s is ProcStat => s !== undefined);
  const children = new Map<number, ProcStat[]>();
  for (const s of stats) children.set(s.ppid, [...(children.get(s.ppid) ?? []), s]);
  const totals: Record<Group, number> = { node: 0, temporal: 0, postgres: 0, other: 0 };
  const root = stats.find((s) => s.pid === self);
  const queue = root ? [root] : [];
  while (queue.length) {
    const s = queue.pop() as ProcStat;
    totals[groupOf(s, self)] += s.ticks * TICK_MS;
    queue.push(...(children.get(s.pid) ?? []));
  }
  return totals;
}

/** Runs `work`, answering its result and the CPU ms per operation each group spent on it. */
export async function cpuPerOperation<T>(
  operations: number,
  work: () => Promise<T>,
): Promise<{ result: T; cpuMsPerOp: Record<Group, number> & { total: number } }> {
  const before = cpuSnapshot();
  const result = await work();
  const after = cpuSnapshot();
  const per = (g: Group) => (after[g] - before[g]) / operations;
  const cpuMsPerOp = {
    node: per('node'),
    temporal: per('temporal'),
    postgres: per('postgres'),
    other: per('other'),
    total: 0,
  };
  cpuMsPerOp.total = cpuMsPerOp.node + cpuMsPerOp.temporal + cpuMsPerOp.postgres + cpuMsPerOp.other;
  return { result, cpuMsPerOp };
}
