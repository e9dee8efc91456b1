/**
 * A real, OpenID-certified provider (oidc-provider) for the single sign-on tests, run by plain node
 * because it is an ES module Jest cannot load. Listens on loopback, prints {"issuer": …} once ready.
 * argv[2]: JSON { clients: [...], accounts: { login: { extra claims } } }. Any login name signs in
 * through the development login form; the claims are the account's entry (or none but the name).
 */
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

const { clients, accounts = {} } = JSON.parse(process.argv[2] ?? '{}');
const server = createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const provider = new Provider(issuer, {
  clients,
  findAccount: (_ctx, id) => ({
    accountId: id,
    claims: () => ({ sub: id, preferred_username: id, name: `${id} 本人`, ...(accounts[id] ?? {}) }),
  }),
  // Custom claims ride on the profile scope, as many 统一身份认证 platforms do with their groups.
  claims: {
    openid: ['sub'],
    profile: ['preferred_username', 'name', 'groups', 'department'],
    email: ['email'],
    phone: ['phone_number'],
  },
  features: { devInteractions: { enabled: true } },
  pkce: { required: () => true },
  cookies: { keys: ['sso-test-cookie-key-not-a-secret'] },
});
server.on('request', provider.callback());
process.stdout.write(`${JSON.stringify({ issuer })}\n`);
process.on('SIGTERM', () => server.close(() => process.exit(0)));
