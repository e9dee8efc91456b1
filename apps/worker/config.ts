/** The worker's configuration, read from the environment and validated once at start-up. */
export interface WorkerConfig {
  temporalAddress: string;
  namespace: string;
  taskQueue: string;
  databaseUrl: string;
}

export class ConfigError extends Error {
  constructor(problems: string[]) {
    super(`invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

const HOST_PORT = /^[A-Za-z0-9.-]+:\d{1,5}$/;

export function loadWorkerConfig(env: NodeJS.ProcessEnv = process.env): WorkerConfig {
  const problems: string[] = [];
  const temporalAddress = env.TEMPORAL_ADDRESS ?? 'localhost:7233';
  if (!HOST_PORT.test(temporalAddress))
    problems.push(`TEMPORAL_ADDRESS "${temporalAddress}" is not host:port`);
  const databaseUrl = env.DATABASE_URL ?? '';
  if (!/^postgres(ql)?:\/\//.test(databaseUrl)) problems.push('DATABASE_URL must be a postgres:// URL');
  const namespace = env.TEMPORAL_NAMESPACE ?? 'default';
  const taskQueue = env.TEMPORAL_TASK_QUEUE ?? 'deadline-keeper';
  if (problems.length) throw new ConfigError(problems);
  return { temporalAddress, namespace, taskQueue, databaseUrl };
}
