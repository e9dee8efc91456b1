/**
 * Signing in as a new person would: an account the administrator created with an initial password
 * must change it before the console opens; single sign-on through a real OpenID provider
 * (oidc-provider, the API tests' one) completes in Chromium from the sign-in page's button.
 */
import { randomBytes } from 'node:crypto';
import type { OidcConfig } from '../../apps/api/config/oidc-config';
import { AuditEntryEntity } from '../../db/entities';
import { startProvider, type Provider } from '../api/sso-browser';
import { axeCheck, screenshot, useBrowserSystem } from './browser-harness';

let provider: Provider | undefined;
/** Filled once the API listens (its port is in the callback); the API reads it by reference. */
const oidc = {
  issuer: 'http://127.0.0.1:9',
  clientId: 'deadline-keeper-console',
  clientSecret: 'console-sso-secret-never-shown',
  redirectUri: 'http://127.0.0.1:9/api/v1/auth/sso/callback',
  postLoginUrl: '/sign-in',
  scopes: 'openid profile',
  usernameClaim: 'preferred_username',
  roleMap: {},
  autoCreate: false,
  displayName: '统一身份认证',
} as unknown as OidcConfig & { issuer: string; redirectUri: string };

const system = useBrowserSystem({ oidc });

beforeAll(async () => {
  // After useBrowserSystem's own beforeAll: the API's address is known, so the provider can allow it.
  oidc.redirectUri = `${system.baseUrl}/api/v1/auth/sso/callback`;
  provider = await startProvider({
    clients: [
      {
        client_id: oidc.clientId,
        client_secret: oidc.clientSecret,
        redirect_uris: [oidc.redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    accounts: {},
  });
  oidc.issuer = provider.issuer;
});
afterAll(() => provider?.stop());

it('makes an account created with an initial password change it, then opens the console', async () => {
  const username = `new-clerk-${randomBytes(3).toString('hex')}`;
  const initial = 'Chushi-2027-mima';
  await system
    .http()
    .post('/api/v1/users')
    .set('Authorization', `Bearer ${await system.token('admin')}`)
    .send({
      username,
      displayName: '新来的科员',
      role: 'department',
      departmentId: 'dept-a',
      password: initial,
    })
    .expect(201);

  const { page } = await system.newPage();
  await page.goto('/projects');
  // Not signed in: the console sends the person to sign in, and back to /projects afterwards.
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(initial);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.getByRole('heading', { name: '修改初始密码' }).waitFor();
  expect(new URL(page.url()).pathname).toBe('/sign-in/change-password');
  await page.getByText('首次登录须先修改密码').waitFor();
  await screenshot(page, 'change-password');
  await axeCheck(page);

  // Nothing else opens until the password is changed.
  await page.goto('/projects');
  await page.getByRole('heading', { name: '修改初始密码' }).waitFor();

  // A weak password is refused in words, in place, and nothing changes.
  await page.getByLabel('当前密码').fill(initial);
  await page.getByLabel('新密码', { exact: true }).fill('short');
  await page.getByLabel('确认新密码').fill('short');
  await page.getByRole('button', { name: /修改密码并进入/ }).click();
  // The field is named by its label on the form, not by its JSON name.
  await page
    .getByRole('alert')
    .filter({ hasText: /「新密码」至少需要/ })
    .waitFor();
  await screenshot(page, 'change-password-refused');
  await axeCheck(page);

  const chosen = 'Xin-Mima-2027-ok';
  await page.getByLabel('新密码', { exact: true }).fill(chosen);
  await page.getByLabel('确认新密码').fill(chosen);
  await page.getByRole('button', { name: /修改密码并进入/ }).click();
  await page.getByRole('button', { name: /退出登录/ }).waitFor();
  await page.getByRole('heading', { name: '项目' }).waitFor();
  await page.getByText('新来的科员（部门').waitFor();
  await screenshot(page, 'change-password-done');
  await axeCheck(page);

  // The initial password no longer works; the chosen one does.
  await system.http().post('/api/v1/auth/login').send({ username, password: initial }).expect(401);
  const again = await system
    .http()
    .post('/api/v1/auth/login')
    .send({ username, password: chosen })
    .expect(200);
  expect(again.body.mustChangePassword).toBeFalsy();
});

it('signs in by single sign-on from the sign-in page, through the provider, into the console', async () => {
  const { page } = await system.newPage();
  await page.goto('/sign-in');
  const sso = page.getByRole('link', { name: /统一身份认证登录/ });
  await sso.waitFor();
  await screenshot(page, 'sign-in-sso');
  await axeCheck(page);

  await sso.click();
  // The provider's own (development) login and consent pages, as the person would see them.
  await page.waitForURL((url) => url.origin === provider!.issuer);
  await page.locator('input[name="login"]').fill('operator');
  await page.locator('input[name="password"]').fill('any');
  await page.locator('button[type="submit"]').click();
  await page
    .locator('button[type="submit"]')
    .filter({ hasText: /continue/i })
    .click();

  // Back through our callback to the console, signed in as the account the provider vouched for.
  await page.getByRole('heading', { name: '监管总览' }).waitFor();
  expect(new URL(page.url()).origin).toBe(system.baseUrl);
  // The token came in the fragment and was taken out of the address bar.
  expect(page.url()).not.toContain('access_token');
  await page.getByText(/（局监督员）/).waitFor();
  await screenshot(page, 'sso-signed-in');
  await axeCheck(page);

  const audit = await system.dataSource
    .getRepository(AuditEntryEntity)
    .findOneOrFail({ where: { action: 'auth.sso.login' }, order: { id: 'DESC' } });
  expect(audit.details).toMatchObject({ username: 'operator', issuer: provider!.issuer });
  expect(JSON.stringify(audit.details)).not.toContain(oidc.clientSecret);
});
