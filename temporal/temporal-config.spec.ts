import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { EncryptionCodec } from './encryption.codec';
import { connectionOptions, dataConverter, describeTemporal, loadTemporalConfig } from './temporal-config';

const dir = mkdtempSync(join(tmpdir(), 'temporal-config-'));
const file = (name: string, content: string) => {
  writeFileSync(join(dir, name), content);
  return join(dir, name);
};
const secret = randomBytes(32).toString('base64');

function load(env: NodeJS.ProcessEnv) {
  const problems: string[] = [];
  return { config: loadTemporalConfig(env, problems), problems };
}

describe('the Temporal connection settings', () => {
  it('defaults to a plaintext local server without encryption', () => {
    const { config, problems } = load({});
    expect(problems).toEqual([]);
    expect(connectionOptions(config)).toEqual({ address: 'localhost:7233' });
    expect(dataConverter(config, 'worker')).toBeUndefined();
    expect(describeTemporal(config)).toContain('payloads NOT encrypted');
  });

  it('connects with mTLS from certificate files, and a server name override', () => {
    const { config, problems } = load({
      TEMPORAL_ADDRESS: 'temporal.internal:7233',
      TEMPORAL_TLS_CA_FILE: file('ca.pem', 'CA'),
      TEMPORAL_TLS_CERT_FILE: file('client.pem', 'CRT'),
      TEMPORAL_TLS_KEY_FILE: file('client.key', 'KEY'),
      TEMPORAL_TLS_SERVER_NAME: 'temporal',
    });
    expect(problems).toEqual([]);
    const tls = connectionOptions(config).tls as Record<string, unknown>;
    expect(String(tls.serverRootCACertificate)).toBe('CA');
    expect(tls.clientCertPair).toEqual({ crt: Buffer.from('CRT'), key: Buffer.from('KEY') });
    expect(tls.serverNameOverride).toBe('temporal');
    expect(describeTemporal(config)).toContain('mTLS');
  });

  it('sends an API key, over TLS only, and never prints it', () => {
    const { config } = load({ TEMPORAL_API_KEY: 'api-key-0123456789abcdef' });
    expect(connectionOptions(config)).toEqual({
      address: 'localhost:7233',
      tls: {},
      apiKey: 'api-key-0123456789abcdef',
    });
    expect(describeTemporal(config)).not.toContain('api-key-0123');
  });

  it('seals payloads with the configured keys, and never prints them', () => {
    const { config } = load({ TEMPORAL_ENCRYPTION_KEYS: `2026:${secret}` });
    expect(dataConverter(config, 'client')?.payloadCodecs?.[0]).toBeInstanceOf(EncryptionCodec);
    expect(describeTemporal(config)).toContain('payloads encrypted (key 2026)');
    expect(describeTemporal(config)).not.toContain(secret);
  });

  it('names every mistake: unreadable files, a certificate without its key, a short API key', () => {
    const { problems } = load({
      TEMPORAL_ADDRESS: 'no port',
      TEMPORAL_TLS_CA_FILE: join(dir, 'missing.pem'),
      TEMPORAL_TLS_CERT_FILE: file('lonely.pem', 'CRT'),
      TEMPORAL_API_KEY: 'short',
      TEMPORAL_ENCRYPTION_ACCEPT_PLAINTEXT: 'true',
    });
    expect(problems).toEqual([
      'TEMPORAL_ADDRESS "no port" is not host:port',
      `TEMPORAL_TLS_CA_FILE: cannot read ${join(dir, 'missing.pem')} (ENOENT)`,
      'TEMPORAL_TLS_CERT_FILE and TEMPORAL_TLS_KEY_FILE go together (the client certificate and its key)',
      'TEMPORAL_API_KEY must be at least 16 characters',
      'TEMPORAL_ENCRYPTION_ACCEPT_PLAINTEXT needs TEMPORAL_ENCRYPTION_KEYS',
    ]);
  });
});
