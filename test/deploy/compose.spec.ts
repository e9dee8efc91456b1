/**
 * docker-compose.yml as Docker Compose itself would read it: scripts/compose-check.sh runs compose-go
 * (schema validation, `${VAR:?…}` interpolation, depends_on consistency) and prints the normalised
 * project, so these checks hold for what `docker compose up` runs, not for a YAML text that a typo
 * or an unset variable would make Compose refuse. No Docker daemon is needed, but Go is: CI has it.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const COMPOSE_FILE = path.join(ROOT, 'docker-compose.yml');
// The first run downloads compose-go from the Go module proxy and compiles it (~35 s on an empty cache).
const FIRST_BUILD_MS = 5 * 60_000;

const VARIABLES = {
  JWT_SECRET: 'a'.repeat(64),
  TEMPORAL_ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 7).toString('base64')}`,
};

interface Port {
  target: number;
  published?: string;
}
interface Service {
  image?: string;
  ports?: Port[];
  networks?: Record<string, unknown>;
  environment?: Record<string, string | null>;
  depends_on?: Record<string, { condition: string }>;
  deploy?: { replicas?: number };
}
interface Project {
  services: Record<string, Service>;
  networks: Record<string, { internal?: boolean }>;
}

function composeCheck(file: string, overrides: Record<string, string | undefined> = VARIABLES) {
  const env: NodeJS.ProcessEnv = { ...process.env };
  // The developer's own shell must not decide what the stack gets.
  for (const name of Object.keys(env)) if (/^(JWT_SECRET|TEMPORAL_|POSTGRES_)/.test(name)) delete env[name];
  for (const [name, value] of Object.entries(overrides)) if (value !== undefined) env[name] = value;
  const run = spawnSync('bash', [path.join(ROOT, 'scripts/compose-check.sh'), '-C', ROOT, file], {
    env,
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

function load(file = COMPOSE_FILE): Project {
  const run = composeCheck(file);
  if (run.status !== 0) {
    // Exit 127 is the script's "no Go toolchain": say so rather than skip, since CI has Go.
    const why = run.status === 127 ? 'Go is missing, so compose-go cannot be built' : 'compose-go refused it';
    throw new Error(`${path.basename(file)}: ${why} (exit ${run.status}):\n${run.stderr}`);
  }
  return JSON.parse(run.stdout) as Project;
}

let tmp: string;
let project: Project;

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'compose-check-'));
  project = load();
}, FIRST_BUILD_MS);

afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

/** A copy of docker-compose.yml with one edit, which must have applied. */
function brokenCopy(name: string, from: string, to: string): string {
  const text = fs.readFileSync(COMPOSE_FILE, 'utf8');
  expect(text.split(from)).toHaveLength(2);
  const file = path.join(tmp, `${name}.yml`);
  fs.writeFileSync(file, text.replace(from, to));
  return file;
}

const service = (name: string): Service => {
  const found = project.services[name];
  if (!found) throw new Error(`docker-compose.yml has no service ${name}`);
  return found;
};

describe('docker-compose.yml, as compose-go loads it', () => {
  it.each(['postgres', 'temporal', 'temporal-ui', 'temporal-schema', 'temporal-namespace'])(
    '%s publishes nothing and sits only on internal networks',
    (name) => {
      const s = service(name);
      expect(s.ports ?? []).toEqual([]);
      const networks = Object.keys(s.networks ?? {});
      expect(networks.length).toBeGreaterThan(0);
      for (const network of networks) expect(project.networks[network]?.internal).toBe(true);
    },
  );

  it('publishes only the API, on 3000, through a network that is not internal', () => {
    const published = Object.entries(project.services).filter(([, s]) => (s.ports ?? []).length > 0);
    expect(published.map(([name]) => name)).toEqual(['api']);
    expect(service('api').ports).toEqual([expect.objectContaining({ target: 3000, published: '3000' })]);
    const apiNetworks = Object.keys(service('api').networks ?? {});
    expect(apiNetworks.some((n) => !project.networks[n]?.internal)).toBe(true);
    expect(apiNetworks.some((n) => project.networks[n]?.internal)).toBe(true);
  });

  it('keeps the worker off any network with a route out', () => {
    for (const network of Object.keys(service('worker').networks ?? {})) {
      expect(project.networks[network]?.internal).toBe(true);
    }
  });

  it('runs temporalio/server (not the deprecated auto-setup) after the schema job has completed', () => {
    const temporal = service('temporal');
    expect(temporal.image).toMatch(/^temporalio\/server:1\.29\./);
    expect(temporal.depends_on?.['temporal-schema']?.condition).toBe('service_completed_successfully');
    expect(service('temporal-schema').image).toMatch(/^temporalio\/admin-tools:/);
    expect(service('api').depends_on?.['temporal-namespace']?.condition).toBe(
      'service_completed_successfully',
    );
    for (const s of Object.values(project.services)) expect(s.image ?? '').not.toContain('auto-setup');
  });

  it('runs the worker and the dispatcher as replicas, as many as WORKER_REPLICAS and DISPATCHER_REPLICAS say', () => {
    expect(service('worker').deploy?.replicas).toBe(2);
    expect(service('dispatcher').deploy?.replicas).toBe(2);
    const scaled = composeCheck(COMPOSE_FILE, {
      ...VARIABLES,
      WORKER_REPLICAS: '6',
      DISPATCHER_REPLICAS: '3',
    });
    const services = (JSON.parse(scaled.stdout) as Project).services;
    expect([services.worker?.deploy?.replicas, services.dispatcher?.deploy?.replicas]).toEqual([6, 3]);
  });

  it('gives the API and the worker the payload encryption keys, and the UI the API codec', () => {
    for (const name of ['api', 'worker']) {
      expect(service(name).environment?.TEMPORAL_ENCRYPTION_KEYS).toBe(VARIABLES.TEMPORAL_ENCRYPTION_KEYS);
    }
    expect(service('temporal-ui').environment?.TEMPORAL_CODEC_ENDPOINT).toBe(
      'http://localhost:3000/api/v1/temporal-codec',
    );
  });
});

describe('compose-go refuses', () => {
  it('the file without TEMPORAL_ENCRYPTION_KEYS, naming the variable', () => {
    const run = composeCheck(COMPOSE_FILE, { ...VARIABLES, TEMPORAL_ENCRYPTION_KEYS: undefined });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('TEMPORAL_ENCRYPTION_KEYS');
    expect(run.stdout).toBe('');
  });

  it('loads an unedited copy from elsewhere (so the refusals below are the edits)', () => {
    const file = path.join(tmp, 'copy.yml');
    fs.copyFileSync(COMPOSE_FILE, file);
    expect(Object.keys(load(file).services)).toEqual(Object.keys(project.services));
  });

  it('a service with a key the Compose spec does not have', () => {
    const file = brokenCopy(
      'unknown-key',
      '  worker:\n    build: .\n',
      '  worker:\n    build: .\n    restart_policy: always\n',
    );
    const run = composeCheck(file);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/restart_policy/);
  });

  it('a depends_on naming a service that does not exist', () => {
    const file = brokenCopy(
      'missing-dependency',
      '    depends_on:\n      temporal-schema:\n',
      '    depends_on:\n      temporal-schemas:\n',
    );
    const run = composeCheck(file);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/temporal-schemas/);
  });
});
