import { ChildProcess, spawn } from 'node:child_process';
import { Connection } from '@temporalio/client';

export interface DevServer {
  address: string;
  uiUrl: string | null;
  stop(): Promise<void>;
}

/**
 * `temporal server start-dev` with a persistent SQLite file, so projects survive a restart. Without a
 * CLI (neither on PATH nor built from the Go module proxy), the Temporal SDK downloads its dev server.
 */
export async function startDevServer(options: {
  cli: string;
  dbFile: string;
  port: number;
  uiPort: number;
  /** Where the UI asks to decode sealed payloads (the API's codec endpoint). */
  codecEndpoint?: string;
}): Promise<DevServer> {
  if (!options.cli) {
    const { TestWorkflowEnvironment } = await import('@temporalio/testing');
    const env = await TestWorkflowEnvironment.createLocal({
      server: { dbFilename: options.dbFile, port: options.port },
    });
    return { address: env.address, uiUrl: null, stop: () => env.teardown() };
  }
  const child: ChildProcess = spawn(
    options.cli,
    [
      'server',
      'start-dev',
      '--db-filename',
      options.dbFile,
      '--port',
      String(options.port),
      '--ui-port',
      String(options.uiPort),
      '--log-level',
      'error',
      ...(options.codecEndpoint ? ['--ui-codec-endpoint', options.codecEndpoint] : []),
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let log = '';
  child.stderr?.on('data', (c) => (log = (log + c).slice(-4000)));
  const address = `127.0.0.1:${options.port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the Temporal dev server exited: ${log}`);
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1000 });
      await connection.workflowService.getSystemInfo({});
      await connection.close();
      break;
    } catch (error) {
      if (Date.now() > deadline)
        throw new Error(`the Temporal dev server did not come up: ${(error as Error).message}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  return {
    address,
    uiUrl: `http://localhost:${options.uiPort}`,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGINT');
      }),
  };
}
