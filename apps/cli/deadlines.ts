/**
 * The `deadlines` command (spec §6): the pure engine from the shell.
 *
 *   npm run --silent deadlines -- [--notice YEAR.json]... FILE.json|-
 *
 * Prints JSON only. A case that cannot be read gives { "error": … } in its place and a non-zero exit.
 */
import { readFileSync } from 'node:fs';
import { isCaseError, parseHolidayNotice, simulateCase, WorkingCalendar, YearNotice } from '../../domain';

const USAGE = 'usage: npm run --silent deadlines -- [--notice YEAR.json]... FILE.json|-';

function fail(message: string, code = 2): never {
  process.stdout.write(`${JSON.stringify({ error: message }, null, 2)}\n`);
  process.exit(code);
}

function readJson(path: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(path === '-' ? 0 : path, 'utf8');
  } catch (error) {
    fail(`cannot read ${what} ${path === '-' ? 'from standard input' : path}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    fail(
      `${what} ${path === '-' ? '(standard input)' : path} is not valid JSON: ${(error as Error).message}`,
    );
  }
}

function main(argv: string[]): void {
  const notices: YearNotice[] = [];
  let input: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--notice') {
      const file = argv[++i];
      if (!file) fail(`--notice needs a file; ${USAGE}`);
      try {
        notices.push(parseHolidayNotice(readJson(file, 'notice file'), file));
      } catch (error) {
        fail(`notice file ${file}: ${(error as Error).message}`);
      }
    } else if (arg === '--help' || arg === '-h') {
      process.stdout.write(`${JSON.stringify({ usage: USAGE })}\n`);
      return;
    } else if (input === undefined) {
      input = arg;
    } else {
      fail(`unexpected argument ${arg}; ${USAGE}`);
    }
  }
  if (input === undefined) fail(USAGE);
  const calendar = WorkingCalendar.standard(notices);
  const raw = readJson(input, 'case file');
  const cases = Array.isArray(raw) ? raw : [raw];
  const outcomes = cases.map((c) => simulateCase(c, calendar));
  process.stdout.write(`${JSON.stringify(Array.isArray(raw) ? outcomes : outcomes[0], null, 2)}\n`);
  if (outcomes.some(isCaseError)) process.exitCode = 1;
}

try {
  main(process.argv.slice(2));
} catch (error) {
  // A bug, not bad input: still JSON, still no stack trace on the user's terminal.
  fail(`internal error: ${(error as Error).message}`, 3);
}
