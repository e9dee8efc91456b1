/**
 * Importing projects from the shell, through the API like any other client:
 *
 *   DK_USERNAME=operator DK_PASSWORD=… npm run import -- projects.xlsx [--commit] [--api http://localhost:3000]
 *
 * Without --commit it is a dry run. The upload's progress is drawn on stderr; the counts and the table
 * of problems (row, column, problem) go to stdout. Exit code 0 when every row was accepted, 1 when some
 * rows have problems, 2 when the import could not be done at all.
 */
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { basename } from 'node:path';
import { randomBytes } from 'node:crypto';

const USAGE = '用法：npm run import -- 文件.xlsx|文件.csv [--commit] [--api http://localhost:3000]';

interface Problem {
  row: number;
  column: string;
  problem: string;
}

interface Answer {
  dryRun: boolean;
  rows: number;
  created: number;
  unchanged: number;
  supplemented?: number;
  additions?: { row: number; column: string; on: string }[];
  refused: number;
  problems: Problem[];
  notices?: number;
}

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

function parseArgs(argv: string[]) {
  let file: string | undefined;
  let commit = false;
  let api = process.env.DK_API ?? 'http://localhost:3000';
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--commit') commit = true;
    else if (a === '--api') api = argv[++i] ?? fail(USAGE);
    else if (a.startsWith('--api=')) api = a.slice(6);
    else if (a.startsWith('-')) fail(`不认识的参数 ${a}\n${USAGE}`);
    else file = a;
  }
  if (!file) fail(USAGE);
  return { file, commit, api: api.replace(/\/+$/, '') };
}

/** A bar on stderr only when it is a terminal; otherwise one line per quarter, so logs stay readable. */
function progress(total: number) {
  const tty = process.stderr.isTTY;
  let lastQuarter = -1;
  return (sent: number, label: string) => {
    const share = total ? Math.min(1, sent / total) : 1;
    if (tty) {
      const width = 30;
      const done = Math.round(share * width);
      process.stderr.write(
        `\r${label} [${'#'.repeat(done)}${'-'.repeat(width - done)}] ${Math.round(share * 100)}%`,
      );
    } else if (Math.floor(share * 4) !== lastQuarter) {
      lastQuarter = Math.floor(share * 4);
      process.stderr.write(`${label} ${Math.round(share * 100)}%\n`);
    }
  };
}

async function login(api: string): Promise<string> {
  const username = process.env.DK_USERNAME;
  const password = process.env.DK_PASSWORD;
  if (!username || !password) fail('请在环境变量 DK_USERNAME 和 DK_PASSWORD 中提供登录账号和密码');
  const res = await fetch(`${api}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  }).catch((e: Error) => fail(`无法连接 ${api}：${e.message}`));
  const body = (await res.json().catch(() => ({}))) as { accessToken?: string; detail?: string };
  if (!res.ok || !body.accessToken) fail(`登录失败（${res.status}）：${body.detail ?? ''}`);
  return body.accessToken;
}

/** The multipart body is written in slices, so the bar follows the bytes actually handed to the socket. */
function upload(
  url: URL,
  token: string,
  name: string,
  file: Buffer,
): Promise<{ status: number; text: string }> {
  const boundary = `----dk${randomBytes(12).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${encodeURIComponent(name)}"\r\n` +
      'Content-Type: application/octet-stream\r\n\r\n',
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const body = Buffer.concat([head, file, tail]);
  const bar = progress(body.length);
  return new Promise((resolve, reject) => {
    const req = (url.protocol === 'https:' ? httpsRequest : httpRequest)(url, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'content-length': body.length,
      },
    });
    const started = Date.now();
    let waiting: NodeJS.Timeout | undefined;
    req.on('response', (res) => {
      clearInterval(waiting);
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    let offset = 0;
    const write = () => {
      while (offset < body.length) {
        const slice = body.subarray(offset, offset + 64 * 1024);
        offset += slice.length;
        bar(offset, '上传');
        if (!req.write(slice)) return void req.once('drain', write);
      }
      req.end();
      if (process.stderr.isTTY) process.stderr.write('\n');
      // The server checks (and registers) every row before it answers: show that it is still at work.
      waiting = setInterval(
        () => {
          const s = Math.round((Date.now() - started) / 1000);
          process.stderr.write(
            process.stderr.isTTY ? `\r服务器逐行处理中… ${s} 秒` : `逐行处理中… ${s} 秒\n`,
          );
        },
        process.stderr.isTTY ? 500 : 10_000,
      );
    };
    write();
  });
}

function table(problems: Problem[]): string {
  const width = (s: string) => [...s].reduce((n, ch) => n + (/[\u1100-\uffff]/.test(ch) ? 2 : 1), 0);
  const pad = (s: string, w: number) => s + ' '.repeat(Math.max(0, w - width(s)));
  const rows = problems.map((p) => [String(p.row), p.column, p.problem]);
  const w0 = Math.max(2, ...rows.map((r) => width(r[0] as string)));
  const w1 = Math.max(2, ...rows.map((r) => width(r[1] as string)));
  return [
    `${pad('行', w0)}  ${pad('列', w1)}  问题`,
    ...rows.map((r) => `${pad(r[0] as string, w0)}  ${pad(r[1] as string, w1)}  ${r[2]}`),
  ].join('\n');
}

async function main() {
  const { file, commit, api } = parseArgs(process.argv.slice(2));
  let content: Buffer;
  try {
    content = readFileSync(file);
  } catch (error) {
    fail(`无法读取 ${file}：${(error as Error).message}`);
  }
  const token = await login(api);
  const url = new URL(`${api}/api/v1/imports${commit ? '' : '?dryRun=true'}`);
  const res = await upload(url, token, basename(file), content).catch((e: Error) =>
    fail(`上传失败：${e.message}`),
  );
  if (process.stderr.isTTY) process.stderr.write('\n');
  let answer: Answer;
  try {
    answer = JSON.parse(res.text) as Answer;
  } catch {
    fail(`服务器的回答无法读取（${res.status}）：${res.text.slice(0, 200)}`);
  }
  if (res.status !== 200)
    fail(`导入未完成（${res.status}）：${(answer as unknown as { detail?: string }).detail ?? res.text}`);
  const mode = answer.dryRun ? '试导入（未登记任何项目；加 --commit 正式导入）' : '导入完成';
  process.stdout.write(
    `${mode}：共 ${answer.rows} 行，${answer.dryRun ? '将新登记' : '新登记'} ${answer.created}，未变 ${answer.unchanged}，有问题 ${answer.refused}` +
      `${answer.supplemented ? `，${answer.dryRun ? '将补录' : '补录'} ${answer.supplemented} 行` : ''}` +
      `${answer.notices !== undefined ? `，汇总通知 ${answer.notices} 条` : ''}\n`,
  );
  for (const a of answer.additions ?? [])
    process.stdout.write(`补录：第 ${a.row} 行「${a.column}」${a.on}\n`);
  if (answer.problems.length) process.stdout.write(`\n${table(answer.problems)}\n`);
  process.exit(answer.problems.length ? 1 : 0);
}

void main();
