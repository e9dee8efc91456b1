import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AllowList } from './address-policy';
import { DeliveryFailedError, guardedPost, UnsafeAddressError, vetUrl } from './guarded-request';

const none = new AllowList([]);
const loopback = new AllowList(['127.0.0.1']);

async function listen(
  handler: Parameters<typeof createServer>[1],
): Promise<{ server: Server; port: number }> {
  const server = createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, port: (server.address() as AddressInfo).port };
}

const servers: Server[] = [];
afterAll(() => Promise.all(servers.map((s) => new Promise((r) => s.close(r)))));

const post = (url: string, allow = loopback, timeoutMs = 2_000) =>
  guardedPost({ url, headers: { 'content-type': 'application/json' }, body: '{}', allow, timeoutMs });

describe('vetUrl', () => {
  it.each([
    'http://127.0.0.1:54329/',
    'http://localhost:8233/',
    'http://[::1]/',
    'http://0x7f000001/',
    'http://2130706433/',
    'http://0177.0.0.1/',
    'http://[::ffff:127.0.0.1]/',
    'http://169.254.169.254/latest/meta-data',
    'http://10.0.0.8/',
  ])('refuses %s', async (url) => {
    await expect(vetUrl(url, none)).rejects.toBeInstanceOf(UnsafeAddressError);
  });

  it('refuses schemes other than http and https', async () => {
    await expect(vetUrl('file:///etc/passwd', none)).rejects.toBeInstanceOf(UnsafeAddressError);
  });

  it('accepts what an administrator allowed, by host, host:port or network', async () => {
    await vetUrl('http://127.0.0.1:9/', loopback);
    await vetUrl('http://localhost:3999/hook', new AllowList(['localhost:3999']));
    await expect(vetUrl('http://localhost:4000/hook', new AllowList(['localhost:3999']))).rejects.toThrow(
      UnsafeAddressError,
    );
    await vetUrl('http://[::1]:80/', new AllowList(['::1/128']));
  });
});

describe('guardedPost', () => {
  it('refuses at send time an address that resolves to loopback', async () => {
    const hits: string[] = [];
    const { server, port } = await listen((req, res) => {
      hits.push(req.url ?? '');
      res.end();
    });
    servers.push(server);
    await expect(post(`http://localhost:${port}/`, none)).rejects.toBeInstanceOf(UnsafeAddressError);
    await expect(post(`http://127.0.0.1:${port}/`, none)).rejects.toBeInstanceOf(UnsafeAddressError);
    expect(hits).toEqual([]);
    await expect(post(`http://127.0.0.1:${port}/ok`)).resolves.toBe(200);
    expect(hits).toEqual(['/ok']);
  });

  it('never follows a redirect', async () => {
    const target: string[] = [];
    const inner = await listen((req, res) => {
      target.push(req.url ?? '');
      res.end();
    });
    const outer = await listen((_req, res) => {
      res.writeHead(307, { location: `http://127.0.0.1:${inner.port}/internal` }).end();
    });
    servers.push(inner.server, outer.server);
    const error = await post(`http://127.0.0.1:${outer.port}/`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeliveryFailedError);
    expect((error as Error).message).toBe('无法送达：接收方答复 HTTP 307（重定向不跟随）');
    expect(target).toEqual([]);
  });

  it('tells a closed port from a silent one by nothing', async () => {
    const silent = await listen(() => undefined);
    servers.push(silent.server);
    const closed = await listen(() => undefined);
    await new Promise((r) => closed.server.close(r));
    const [a, b] = await Promise.all([
      post(`http://127.0.0.1:${closed.port}/`, loopback, 300).catch((e: Error) => e.message),
      post(`http://127.0.0.1:${silent.port}/`, loopback, 300).catch((e: Error) => e.message),
    ]);
    expect(a).toBe('无法送达：未能连接接收方或接收方未及时答复');
    expect(b).toBe(a);
  });
});
