/**
 * How every process of the product reaches Temporal, read from the environment in one place: the
 * address, TLS with an optional client certificate (mTLS), an API key, and the payload encryption keys.
 */
import type { ConnectionOptions } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import { readFileSync } from 'node:fs';
import { EncryptionCodec, EncryptionKey, parseEncryptionKeys } from './encryption.codec';

export interface TemporalTls {
  serverRootCACertificate?: Buffer;
  clientCertPair?: { crt: Buffer; key: Buffer };
  serverNameOverride?: string;
}

export interface TemporalConfig {
  address: string;
  namespace: string;
  taskQueue: string;
  /** Absent: a plaintext connection (the dev server, or a server on a private network). */
  tls?: TemporalTls;
  apiKey?: string;
  /** Absent: payloads are stored as they are (development only; docker-compose requires keys). */
  encryption?: { keys: EncryptionKey[]; acceptPlaintext: boolean };
}

const HOST_PORT = /^[A-Za-z0-9.-]+:\d{1,5}$/;

function readPem(env: NodeJS.ProcessEnv, name: string, problems: string[]): Buffer | undefined {
  const path = env[name];
  if (!path) return undefined;
  try {
    return readFileSync(path);
  } catch (error) {
    problems.push(`${name}: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    return undefined;
  }
}

/** Appends what is wrong to `problems`, so each app reports all its configuration mistakes at once. */
export function loadTemporalConfig(env: NodeJS.ProcessEnv, problems: string[]): TemporalConfig {
  const address = env.TEMPORAL_ADDRESS ?? 'localhost:7233';
  if (!HOST_PORT.test(address)) problems.push(`TEMPORAL_ADDRESS "${address}" is not host:port`);
  const config: TemporalConfig = {
    address,
    namespace: env.TEMPORAL_NAMESPACE ?? 'default',
    taskQueue: env.TEMPORAL_TASK_QUEUE ?? 'deadline-keeper',
  };
  const ca = readPem(env, 'TEMPORAL_TLS_CA_FILE', problems);
  const crt = readPem(env, 'TEMPORAL_TLS_CERT_FILE', problems);
  const key = readPem(env, 'TEMPORAL_TLS_KEY_FILE', problems);
  if (Boolean(env.TEMPORAL_TLS_CERT_FILE) !== Boolean(env.TEMPORAL_TLS_KEY_FILE))
    problems.push(
      'TEMPORAL_TLS_CERT_FILE and TEMPORAL_TLS_KEY_FILE go together (the client certificate and its key)',
    );
  const serverName = env.TEMPORAL_TLS_SERVER_NAME || undefined;
  if (ca || crt || key || serverName || env.TEMPORAL_TLS === 'true') {
    config.tls = {
      ...(ca ? { serverRootCACertificate: ca } : {}),
      ...(crt && key ? { clientCertPair: { crt, key } } : {}),
      ...(serverName ? { serverNameOverride: serverName } : {}),
    };
  }
  if (env.TEMPORAL_API_KEY) {
    if (env.TEMPORAL_API_KEY.length < 16) problems.push('TEMPORAL_API_KEY must be at least 16 characters');
    config.apiKey = env.TEMPORAL_API_KEY;
    // Temporal sends an API key only over TLS unless told otherwise; a key in clear text could be read.
    config.tls ??= {};
  }
  const keys = parseEncryptionKeys(env.TEMPORAL_ENCRYPTION_KEYS ?? '', problems);
  if (keys.length)
    config.encryption = { keys, acceptPlaintext: env.TEMPORAL_ENCRYPTION_ACCEPT_PLAINTEXT === 'true' };
  else if (env.TEMPORAL_ENCRYPTION_ACCEPT_PLAINTEXT)
    problems.push('TEMPORAL_ENCRYPTION_ACCEPT_PLAINTEXT needs TEMPORAL_ENCRYPTION_KEYS');
  return config;
}

/** Options for both `Connection.connect` (clients) and `NativeConnection.connect` (the worker). */
export function connectionOptions(
  config: TemporalConfig,
): Pick<ConnectionOptions, 'address' | 'tls' | 'apiKey'> & { apiKey?: string } {
  return {
    address: config.address,
    ...(config.tls ? { tls: config.tls } : {}),
    ...(config.apiKey ? { apiKey: config.apiKey } : {}),
  };
}

/**
 * The data converter: a worker turns what it cannot decrypt into a marker its interceptor refuses
 * (a forged update is rejected, the workflow keeps answering); a client throws.
 */
export function dataConverter(config: TemporalConfig, role: 'worker' | 'client'): DataConverter | undefined {
  if (!config.encryption) return undefined;
  return {
    payloadCodecs: [
      new EncryptionCodec({
        keys: config.encryption.keys,
        acceptPlaintext: config.encryption.acceptPlaintext,
        onRefused: role === 'worker' ? 'marker' : 'throw',
      }),
    ],
  };
}

/** A one-line description for start-up logs: never the keys themselves. */
export function describeTemporal(config: TemporalConfig): string {
  const parts = [config.address, `namespace ${config.namespace}`];
  parts.push(config.tls ? (config.tls.clientCertPair ? 'mTLS' : 'TLS') : 'plaintext connection');
  if (config.apiKey) parts.push('API key');
  parts.push(
    config.encryption
      ? `payloads encrypted (key ${config.encryption.keys[0]?.id}${config.encryption.acceptPlaintext ? ', plaintext still accepted' : ''})`
      : 'payloads NOT encrypted (set TEMPORAL_ENCRYPTION_KEYS)',
  );
  return parts.join(', ');
}
