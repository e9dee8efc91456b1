/** Runs a command as a person would from the shell, for the tests of the CLIs and the README's steps. */
import { spawn, type SpawnOptions } from 'node:child_process';

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `command` to its end, with what it printed; `input` (if any) is written to its stdin. */
export function run(
  command: string,
  args: string[],
  options: Pick<SpawnOptions, 'cwd' | 'env'> & { input?: string } = {},
): Promise<Finished> {
  const { input, ...spawnOptions } = options;
  return new Promise((resolve, reject) => {
    // No stdin at all unless there is input: bash with a socket there takes itself for an ssh session.
    const child = spawn(command, args, {
      ...spawnOptions,
      stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d) => (stdout += d));
    child.stderr?.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    if (input !== undefined) child.stdin?.end(input);
  });
}
