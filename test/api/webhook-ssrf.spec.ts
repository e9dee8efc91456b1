/** A department's webhook may not point inside the network unless an administrator allowed it. */
import { AuditEntryEntity } from '../../db/entities';
import { useSystem } from './api-harness';

const system = useSystem({ webhookAllow: [] });
const bearer = async (who: string) => ({ Authorization: `Bearer ${await system.token(who)}` });
const setWebhook = async (url: string) =>
  system
    .http()
    .put('/api/v1/departments/dept-b/channels')
    .set(await bearer('dept-b'))
    .send({ webhookUrl: url, webhookSecret: 'ssrf-secret-0123456', webhookEnabled: true });

it.each([
  'http://127.0.0.1:54329/',
  'http://127.0.0.1:8233/api',
  'http://[::1]:3000/',
  'http://0x7f000001/',
  'http://2130706433:7233/',
  'http://localhost:5432/',
  'http://169.254.169.254/latest/meta-data/',
  'http://[::ffff:127.0.0.1]/',
])('refuses %s at configuration, naming the field', async (url) => {
  const res = await setWebhook(url);
  // A spelling the URL validator already refuses is a 400; one that parses is checked by address.
  expect([400, 422]).toContain(res.status);
  expect(res.body.detail).toContain('webhookUrl');
  if (res.status === 422) expect(res.body.detail).toContain('内网或保留地址');
});

it('accepts an internal address once an administrator allows it, and only that one', async () => {
  const admin = await bearer('admin');
  await system
    .http()
    .put('/api/v1/admin/webhook-allowlist')
    .set(await bearer('operator'))
    .send({ entries: ['127.0.0.1'] })
    .expect(403);
  const refused = await system
    .http()
    .put('/api/v1/admin/webhook-allowlist')
    .set(admin)
    .send({ entries: ['not a host!'] })
    .expect(422);
  expect(refused.body.detail).toContain('「entries」');
  const saved = await system
    .http()
    .put('/api/v1/admin/webhook-allowlist')
    .set(admin)
    .send({ entries: ['127.0.0.1:4100', ' 10.20.0.0/16 '] })
    .expect(200);
  expect(saved.body).toEqual({ entries: ['10.20.0.0/16', '127.0.0.1:4100'], fromConfiguration: [] });
  expect((await setWebhook('http://127.0.0.1:4100/oa')).status).toBe(200);
  expect((await setWebhook('http://10.20.30.40/oa')).status).toBe(200);
  expect((await setWebhook('http://127.0.0.1:54329/')).status).toBe(422);
  const audit = await system.dataSource
    .getRepository(AuditEntryEntity)
    .findOneOrFail({ where: { action: 'webhook-allowlist.updated' }, order: { id: 'DESC' } });
  expect(audit.details).toEqual({ before: [], after: ['10.20.0.0/16', '127.0.0.1:4100'] });
  await system.http().put('/api/v1/admin/webhook-allowlist').set(admin).send({ entries: [] }).expect(200);
});
