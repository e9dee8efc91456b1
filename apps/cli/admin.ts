/**
 * Account administration from the server's shell, for what the API cannot do itself: the first
 * administrator of a fresh install, and getting an administrator back in.
 *
 *   npm run admin -- create-admin --username <name> --display-name <姓名> [--password-stdin]
 *   npm run admin -- reset-password --username <name> [--password-stdin]
 *
 * DATABASE_URL names the database; migrations are applied first. Without --password-stdin a one-time
 * password is printed once; either way it must be changed at the first sign-in. Audited as `cli`.
 */
import { parseArgs } from 'node:util';
import type { DataSource } from 'typeorm';
import { openDatabase } from '../../db/data-source';
import { oneTimePassword } from '../../db/one-time-password';
import { hashPassword } from '../../db/password';
import { passwordProblem } from '../../db/password-rules';
import {
  accountByUsername,
  accountView,
  insertAccount,
  setTemporaryPassword,
  USERNAME,
} from '../../db/repositories/accounts.repository';
import { appendAudit } from '../../db/repositories/audit-log.repository';

const CLI = { actorId: 'cli', actorRole: 'cli' };
const USAGE = `用法：
  npm run admin -- create-admin --username <用户名> --display-name <姓名> [--password-stdin]
  npm run admin -- reset-password --username <用户名> [--password-stdin]
需设置 DATABASE_URL。`;

/** A refusal a person reads: what is wrong and what to do, then exit 1 without a stack. */
class Refused extends Error {}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/** The password to set: read from standard input and checked, or a one-time one. */
async function passwordFor(
  username: string,
  fromStdin: boolean,
): Promise<{ password: string; shown: boolean }> {
  if (!fromStdin) return { password: oneTimePassword(username), shown: true };
  const password = await readStdin();
  const problem = passwordProblem(password, username, '标准输入的密码');
  if (problem) throw new Refused(`${problem}；未做任何修改`);
  return { password, shown: false };
}

async function createAdmin(db: DataSource, username: string, displayName: string, fromStdin: boolean) {
  if (!USERNAME.test(username))
    throw new Refused('「--username」须为 2–64 个字符：小写字母或数字开头，由小写字母、数字和 . _ - 组成');
  if (!displayName.trim() || displayName.length > 100)
    throw new Refused('「--display-name」须为 1–100 个字符的姓名');
  const { password, shown } = await passwordFor(username, fromStdin);
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    if (await accountByUsername(tx, username))
      throw new Refused(
        `用户名「${username}」已存在，未做任何修改；如需重置其密码：npm run admin -- reset-password --username ${username}`,
      );
    const user = await insertAccount(tx, {
      username,
      displayName,
      role: 'admin',
      departmentId: null,
      passwordHash,
    });
    await appendAudit(tx, {
      ...CLI,
      action: 'user.created',
      details: { after: accountView(user), initialPassword: shown ? 'one-time' : 'chosen' },
    });
  });
  report(`已创建管理员「${username}」。`, shown ? password : null);
}

async function resetPassword(db: DataSource, username: string, fromStdin: boolean) {
  const { password, shown } = await passwordFor(username, fromStdin);
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    const user = await accountByUsername(tx, username, true);
    if (!user) throw new Refused(`用户「${username}」不存在，请核对用户名；未做任何修改`);
    await setTemporaryPassword(tx, user.id, passwordHash);
    await appendAudit(tx, { ...CLI, action: 'user.password-reset', details: { username } });
  });
  report(`已重置「${username}」的密码，其已签发的登录令牌全部失效，锁定已解除。`, shown ? password : null);
}

function report(done: string, password: string | null) {
  console.log(done);
  if (password) console.log(`一次性密码（仅显示这一次，系统不保存明文）：${password}`);
  console.log('首次登录后须先修改密码（POST /api/v1/me/password），修改前其他功能不可用。');
}

async function main(argv: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      username: { type: 'string' },
      'display-name': { type: 'string' },
      'password-stdin': { type: 'boolean', default: false },
    },
  });
  const [command] = positionals;
  if (command !== 'create-admin' && command !== 'reset-password') throw new Refused(USAGE);
  if (!values.username) throw new Refused(`缺少「--username」。\n${USAGE}`);
  if (command === 'create-admin' && !values['display-name'])
    throw new Refused(`缺少「--display-name」。\n${USAGE}`);
  const url = process.env.DATABASE_URL;
  if (!url)
    throw new Refused(`未设置 DATABASE_URL（如 postgres://user:pass@host:5432/deadlines）。\n${USAGE}`);
  const db = await openDatabase(url);
  try {
    if (command === 'create-admin')
      await createAdmin(db, values.username, values['display-name'] as string, values['password-stdin']);
    else await resetPassword(db, values.username, values['password-stdin']);
  } finally {
    await db.destroy();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  // parseArgs refuses unknown options with a TypeError whose message names the option.
  const known = error instanceof Refused || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
  console.error(known ? (error as Error).message : `操作失败：${(error as Error).message}`);
  process.exit(1);
});
