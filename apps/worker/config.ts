import { loadTemporalConfig, type TemporalConfig } from '../../temporal/temporal-config';

/** Days before a plan-filing due day that the yearly cycle opens, unless configured. */
export const DEFAULT_LEAD_DAYS = 30;

/**
 * Workflows kept in the worker's memory between tasks. The SDK's own estimate is 600 per GB above a
 * 200 MB base (a project's state is some kilobytes, its isolate context the rest); 150 keeps the worker
 * near 450 MB. The SDK's default grows with the heap limit instead, several GB on a large machine.
 */
export const DEFAULT_MAX_CACHED_WORKFLOWS = 150;

/** The worker's configuration, read from the environment and validated once at start-up. */
export interface WorkerConfig {
  temporalAddress: string;
  namespace: string;
  taskQueue: string;
  databaseUrl: string;
  /** Address, TLS, API key and payload encryption (the flat fields above are taken from it). */
  temporal: TemporalConfig;
  /** Days before a plan-filing due day that the yearly cycle opens. */
  planLeadDays: number;
  /** How often the sweep looks for projects whose workflow is missing. */
  sweepIntervalMs: number;
  /** A workflow bundle built ahead (bundleWorkflowCode): a restarted worker polls at once, not after bundling. */
  workflowBundlePath?: string;
  /** Workflows cached between tasks (0: none, every task replays its history). */
  maxCachedWorkflows: number;
}

export class ConfigError extends Error {
  constructor(problems: string[]) {
    super(`invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

export function loadWorkerConfig(env: NodeJS.ProcessEnv = process.env): WorkerConfig {
  const problems: string[] = [];
  const temporal = loadTemporalConfig(env, problems);
  const databaseUrl = env.DATABASE_URL ?? '';
  if (!/^postgres(ql)?:\/\//.test(databaseUrl)) problems.push('DATABASE_URL must be a postgres:// URL');
  const planLeadDays = Number(env.PLAN_CYCLE_LEAD_DAYS ?? DEFAULT_LEAD_DAYS);
  if (!Number.isInteger(planLeadDays) || planLeadDays < 1 || planLeadDays > 180) {
    problems.push(
      `PLAN_CYCLE_LEAD_DAYS must be a whole number of days from 1 to 180, got "${env.PLAN_CYCLE_LEAD_DAYS}"`,
    );
  }
  const sweepIntervalMs = Number(env.SWEEP_INTERVAL_MS ?? 300_000);
  if (!Number.isInteger(sweepIntervalMs) || sweepIntervalMs < 1_000)
    problems.push(
      `SWEEP_INTERVAL_MS must be a whole number of milliseconds ≥ 1000, got "${env.SWEEP_INTERVAL_MS}"`,
    );
  const maxCachedWorkflows = Number(env.WORKER_MAX_CACHED_WORKFLOWS ?? DEFAULT_MAX_CACHED_WORKFLOWS);
  // The SDK turns 1 into 2 with a warning: refused here instead, so the configured number is the one used.
  if (!Number.isInteger(maxCachedWorkflows) || maxCachedWorkflows < 0 || maxCachedWorkflows === 1)
    problems.push(
      `WORKER_MAX_CACHED_WORKFLOWS must be 0 (no cache) or a whole number ≥ 2, got "${env.WORKER_MAX_CACHED_WORKFLOWS}"`,
    );
  if (problems.length) throw new ConfigError(problems);
  return {
    temporalAddress: temporal.address,
    namespace: temporal.namespace,
    taskQueue: temporal.taskQueue,
    temporal,
    databaseUrl,
    planLeadDays,
    sweepIntervalMs,
    ...(env.WORKFLOW_BUNDLE_PATH ? { workflowBundlePath: env.WORKFLOW_BUNDLE_PATH } : {}),
    maxCachedWorkflows,
  };
}
