import { ConfigError, DEFAULT_MAX_CACHED_WORKFLOWS, loadWorkerConfig } from './config';

const base = { DATABASE_URL: 'postgres://localhost/deadline', TEMPORAL_ADDRESS: 'localhost:7233' };

describe('WORKER_MAX_CACHED_WORKFLOWS', () => {
  it('defaults to a cache that keeps the worker near half a gigabyte', () => {
    expect(loadWorkerConfig(base).maxCachedWorkflows).toBe(DEFAULT_MAX_CACHED_WORKFLOWS);
    expect(200 + DEFAULT_MAX_CACHED_WORKFLOWS * (1024 / 600)).toBeLessThanOrEqual(512);
  });

  it('takes 0 (no cache) or a whole number of at least 2', () => {
    expect(loadWorkerConfig({ ...base, WORKER_MAX_CACHED_WORKFLOWS: '0' }).maxCachedWorkflows).toBe(0);
    expect(loadWorkerConfig({ ...base, WORKER_MAX_CACHED_WORKFLOWS: '40' }).maxCachedWorkflows).toBe(40);
    for (const bad of ['1', '-5', '2.5', 'many']) {
      expect(() => loadWorkerConfig({ ...base, WORKER_MAX_CACHED_WORKFLOWS: bad })).toThrow(ConfigError);
    }
  });
});
