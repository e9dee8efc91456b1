/**
 * `npm run admin`, run as a child process against the test database, as an operator would on a fresh
 * install: the first administrator with a one-time password, refused twice, a password from stdin
 * checked by the same rules, a reset that revokes tokens, all audited as `cli` without the password.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { AuditEntryEntity } from '../../db/entities';
import { useSystem } from './api-harness';
import { run } from './child-process';

const system = useSystem();
const ROOT = join(__dirname, '..', '..');
const login = (username: string, password: string) =>
  system.http().post('/api/v1/auth/login').send({ username, password });

function admin(args: string[], input = '', env: NodeJS.ProcessEnv = process.env) {
  return run(join(ROOT, 'node_modules', '.bin', 'tsx'), [join(ROOT, 'apps/cli/admin.ts'), ...args], {
    cwd: ROOT,
    env,
    input,
  });
}
const oneTime = (stdout: string) => /一次性密码[^：]*：(\S+)/.exec(stdout)?.[1] as string;
const auditText = async () => JSON.stringify(await system.dataSource.getRepository(AuditEntryEntity).find());

it('creates the first administrator with a one-time password, and refuses the same name again', async () => {
  const username = `root-${randomBytes(3).toString('hex')}`;
  const created = await admin(['create-admin', '--username', username, '--display-name', '首任管理员']);
  expect(created).toMatchObject({ code: 0, stderr: '' });
  const otp = oneTime(created.stdout);
  expect(otp).toHaveLength(16);
  const signedIn = await login(username, otp).expect(200);
  expect(signedIn.body).toMatchObject({ mustChangePassword: true, user: { role: 'admin' } });
  const entry = await system.dataSource
    .getRepository(AuditEntryEntity)
    .findOneOrFail({ where: { action: 'user.created', actorId: 'cli' }, order: { id: 'DESC' } });
  expect(entry).toMatchObject({ actorRole: 'cli', details: { after: { username, role: 'admin' } } });
  expect(await auditText()).not.toContain(otp);

  const again = await admin(['create-admin', '--username', username, '--display-name', '又一位']);
  expect(again.code).toBe(1);
  expect(again.stderr).toContain(`用户名「${username}」已存在`);
  expect(again.stdout).toBe('');
});

it('takes a password from standard input only if it meets the rules, and resets one', async () => {
  const username = `ops-${randomBytes(3).toString('hex')}`;
  const weak = await admin(
    ['create-admin', '--username', username, '--display-name', '运维', '--password-stdin'],
    'short\n',
  );
  expect(weak.code).toBe(1);
  expect(weak.stderr).toContain('至少需要 12 个字符');
  const chosen = 'Stdin-Chosen-2026';
  const ok = await admin(
    ['create-admin', '--username', username, '--display-name', '运维', '--password-stdin'],
    `${chosen}\n`,
  );
  expect(ok.code).toBe(0);
  expect(ok.stdout).not.toContain(chosen);
  const first = await login(username, chosen).expect(200);
  expect(first.body.mustChangePassword).toBe(true);

  const reset = await admin(['reset-password', '--username', username]);
  expect(reset.code).toBe(0);
  const otp = oneTime(reset.stdout);
  await system
    .http()
    .get('/api/v1/me')
    .set({ Authorization: `Bearer ${first.body.accessToken}` })
    .expect(401);
  await login(username, chosen).expect(401);
  await login(username, otp).expect(200);
  const entry = await system.dataSource
    .getRepository(AuditEntryEntity)
    .findOneOrFail({ where: { action: 'user.password-reset', actorId: 'cli' }, order: { id: 'DESC' } });
  expect(entry.details).toEqual({ username });
  expect(await auditText()).not.toContain(otp);
});

it('says what is missing in Chinese', async () => {
  const unknown = await admin(['reset-password', '--username', 'nobody-at-all']);
  expect(unknown).toMatchObject({ code: 1 });
  expect(unknown.stderr).toContain('用户「nobody-at-all」不存在');
  expect((await admin(['create-admin', '--username', 'x-y'])).stderr).toContain('缺少「--display-name」');
  const { DATABASE_URL: _url, ...noDatabase } = process.env;
  const noUrl = await admin(['create-admin', '--username', 'x-y', '--display-name', '甲'], '', noDatabase);
  expect(noUrl.stderr).toContain('未设置 DATABASE_URL');
  expect((await admin(['drop-everything'])).stderr).toContain('用法');
});
