/** The single sign-on tests' provider (a child process) and a browser that signs in through it. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join } from 'node:path';

export interface Provider {
  issuer: string;
  stop(): Promise<void>;
}

export async function startProvider(options: {
  clients: object[];
  accounts: Record<string, object>;
}): Promise<Provider> {
  const child: ChildProcess = spawn(
    process.execPath,
    [join(__dirname, 'oidc-provider-server.mjs'), JSON.stringify(options)],
    { stdio: ['ignore', 'pipe', 'ignore'] },
  );
  const line = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the OIDC provider exited (${code})`)));
    createInterface({ input: child.stdout! }).once('line', resolve);
  });
  return {
    issuer: (JSON.parse(line) as { issuer: string }).issuer,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/**
 * Walks the provider's development login and consent pages as a browser would, with its cookies,
 * from the authorization URL until the provider sends the browser to `callbackPrefix`.
 */
export async function signInAtProvider(authorizationUrl: string, login: string, callbackPrefix: string) {
  const jar = new Map<string, string>();
  const send = async (url: string, init: RequestInit = {}) => {
    const res = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as object), cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const at = (pair as string).indexOf('=');
      jar.set((pair as string).slice(0, at), (pair as string).slice(at + 1));
    }
    return res;
  };
  let res = await send(authorizationUrl);
  for (let step = 0; step < 12; step++) {
    const location = res.headers.get('location');
    if (location) {
      const next = new URL(location, authorizationUrl).href;
      if (next.startsWith(callbackPrefix)) return next;
      res = await send(next);
      continue;
    }
    const html = await res.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    const prompt = /name="prompt" value="([^"]+)"/.exec(html)?.[1];
    if (!action || !prompt)
      throw new Error(`the provider answered ${res.status} without a form: ${html.slice(0, 300)}`);
    const form = new URLSearchParams({ prompt, ...(prompt === 'login' ? { login, password: 'any' } : {}) });
    res = await send(new URL(action.replace(/&amp;/g, '&'), authorizationUrl).href, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
  }
  throw new Error('the provider never sent the browser back');
}
