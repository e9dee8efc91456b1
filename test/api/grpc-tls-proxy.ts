/**
 * A TLS front for the plaintext dev server, as a load balancer or Temporal Cloud is: it admits only
 * clients whose certificate the test CA signed (mTLS) and calls that carry the API key, and forwards
 * each gRPC call, trailers and all, to the server behind it.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import http2 from 'node:http2';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Certificates {
  dir: string;
  /** Paths of the CA, the server's and the client's certificate and key, and a stranger's pair. */
  ca: string;
  serverCert: string;
  serverKey: string;
  clientCert: string;
  clientKey: string;
  strangerCert: string;
  strangerKey: string;
}

const openssl = (dir: string, ...args: string[]) =>
  execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
const EC = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

function signed(dir: string, name: string, ca: string, ext: string) {
  openssl(dir, 'req', ...EC, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${name}`);
  writeFileSync(join(dir, `${name}.ext`), ext);
  openssl(
    dir,
    'x509',
    '-req',
    '-in',
    `${name}.csr`,
    '-CA',
    `${ca}.pem`,
    '-CAkey',
    `${ca}.key`,
    '-CAcreateserial',
    '-days',
    '2',
    '-out',
    `${name}.pem`,
    '-extfile',
    `${name}.ext`,
  );
}

/** A throw-away CA with a server and a client certificate, and a client certificate it did not sign. */
export function makeCertificates(): Certificates {
  const dir = mkdtempSync(join(tmpdir(), 'temporal-tls-'));
  for (const ca of ['ca', 'other-ca'])
    openssl(
      dir,
      'req',
      '-x509',
      ...EC,
      '-keyout',
      `${ca}.key`,
      '-out',
      `${ca}.pem`,
      '-days',
      '2',
      '-subj',
      `/CN=${ca}`,
    );
  signed(dir, 'server', 'ca', 'subjectAltName=DNS:localhost\nextendedKeyUsage=serverAuth\n');
  signed(dir, 'client', 'ca', 'extendedKeyUsage=clientAuth\n');
  signed(dir, 'stranger', 'other-ca', 'extendedKeyUsage=clientAuth\n');
  const at = (f: string) => join(dir, f);
  return {
    dir,
    ca: at('ca.pem'),
    serverCert: at('server.pem'),
    serverKey: at('server.key'),
    clientCert: at('client.pem'),
    clientKey: at('client.key'),
    strangerCert: at('stranger.pem'),
    strangerKey: at('stranger.key'),
  };
}

export interface TlsProxy {
  address: string;
  /** User agents of the calls let through (grpc-js for clients, Temporal's core for the worker). */
  admitted: Set<string>;
  refusedKeys: number;
  close(): Promise<void>;
}

const HOP_BY_HOP = new Set([':scheme', ':authority', 'connection', 'keep-alive']);

export async function startTlsProxy(options: {
  certs: Certificates;
  upstream: string;
  apiKey: string;
}): Promise<TlsProxy> {
  const upstream = http2.connect(`http://${options.upstream}`);
  const admitted = new Set<string>();
  let refusedKeys = 0;
  const server = http2.createSecureServer({
    key: readFileSync(options.certs.serverKey),
    cert: readFileSync(options.certs.serverCert),
    ca: readFileSync(options.certs.ca),
    requestCert: true,
    rejectUnauthorized: true,
  });
  const sessions = new Set<http2.ServerHttp2Session>();
  server.on('session', (session) => {
    sessions.add(session);
    session.on('close', () => sessions.delete(session));
  });
  server.on('stream', (stream, headers) => {
    if (headers.authorization !== `Bearer ${options.apiKey}`) {
      refusedKeys++;
      stream.respond(
        {
          ':status': 200,
          'content-type': 'application/grpc',
          'grpc-status': '16',
          'grpc-message': 'invalid API key',
        },
        { endStream: true },
      );
      return;
    }
    admitted.add(String(headers['user-agent'] ?? '').split('/')[0] ?? '');
    const forwarded = Object.fromEntries(Object.entries(headers).filter(([k]) => !HOP_BY_HOP.has(k)));
    const call = upstream.request(forwarded);
    let trailers: http2.IncomingHttpHeaders = {};
    call.on('trailers', (t) => (trailers = t));
    call.on('response', (h) => {
      // The caller may have gone (a long poll cancelled at shutdown) before the server answered.
      if (stream.destroyed || stream.closed) return void call.close(http2.constants.NGHTTP2_CANCEL);
      const response = Object.fromEntries(Object.entries(h).filter(([k]) => k !== 'connection'));
      if (h['grpc-status'] !== undefined) {
        stream.respond(response, { endStream: true });
        return;
      }
      stream.respond(response, { waitForTrailers: true });
      stream.on('wantTrailers', () => {
        if (!stream.destroyed) stream.sendTrailers(trailers);
      });
      call.pipe(stream);
    });
    call.on('error', () => stream.destroyed || stream.close(http2.constants.NGHTTP2_INTERNAL_ERROR));
    stream.on('error', () => call.close(http2.constants.NGHTTP2_CANCEL));
    stream.on('close', () => call.destroyed || call.close(http2.constants.NGHTTP2_CANCEL));
    stream.pipe(call);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    address: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    admitted,
    get refusedKeys() {
      return refusedKeys;
    },
    close: () =>
      new Promise<void>((resolve) => {
        upstream.close();
        server.close(() => resolve());
        // Long polls would hold the server open.
        for (const session of sessions) session.destroy();
      }),
  };
}
