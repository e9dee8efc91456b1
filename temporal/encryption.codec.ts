/**
 * AES-256-GCM payload encryption, as Temporal's encryption sample does it: every payload leaves the
 * process as `binary/encrypted`, the whole original payload (metadata and data) sealed under the
 * current key and tagged with its id, so Temporal's database holds no names or amounts and a payload
 * forged without the key cannot be decoded. Older keys stay listed to decode what they sealed.
 */
import type { Payload, PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const KEY_ID_METADATA = 'encryption-key-id';
/** What a refused payload decodes to inside the worker (see workflows/refused-payload.interceptor.ts). */
export const REFUSED_PAYLOAD_FIELD = '__refusedPayload';

const IV_BYTES = 12;
const TAG_BYTES = 16;
const utf8 = new TextEncoder();
const text = new TextDecoder();
const Proto = temporal.api.common.v1.Payload;

export interface EncryptionKey {
  id: string;
  key: Buffer;
}

export class PayloadRefusedError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'PayloadRefusedError';
  }
}

export interface EncryptionCodecOptions {
  /** The first key seals; every key listed opens what it sealed. */
  keys: EncryptionKey[];
  /**
   * What a payload that cannot be opened becomes. A worker must not fail its workflow task on a forged
   * message (the task would retry forever and the project would stop answering), so it decodes to a
   * marker its interceptor refuses; a client throws.
   */
  onRefused: 'marker' | 'throw';
  /** Migration only: histories written before encryption was switched on still decode. */
  acceptPlaintext?: boolean;
}

export class EncryptionCodec implements PayloadCodec {
  private readonly current: EncryptionKey;
  private readonly byId: Map<string, Buffer>;

  constructor(private readonly options: EncryptionCodecOptions) {
    const [current] = options.keys;
    if (!current) throw new Error('an encryption codec needs at least one key');
    this.current = current;
    this.byId = new Map(options.keys.map((k) => [k.id, k.key]));
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => this.seal(payload));
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      try {
        return this.open(payload);
      } catch (error) {
        if (!(error instanceof PayloadRefusedError) || this.options.onRefused === 'throw') throw error;
        return refusedMarker(error.message);
      }
    });
  }

  private seal(payload: Payload): Payload {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.current.key, iv);
    // The key id is authenticated too: relabelling a payload with another key's id fails to open.
    cipher.setAAD(utf8.encode(this.current.id));
    const plain = Proto.encode(payload).finish();
    const sealed = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
    return {
      metadata: {
        encoding: utf8.encode(ENCRYPTED_ENCODING),
        [KEY_ID_METADATA]: utf8.encode(this.current.id),
      },
      data: sealed,
    };
  }

  private open(payload: Payload): Payload {
    const encoding = payload.metadata?.encoding ? text.decode(payload.metadata.encoding) : '';
    if (encoding !== ENCRYPTED_ENCODING) {
      if (this.options.acceptPlaintext) return payload;
      throw new PayloadRefusedError(
        `未加密的载荷已拒绝 (unencrypted payload refused: ${encoding || 'no encoding'})`,
      );
    }
    const idBytes = payload.metadata?.[KEY_ID_METADATA];
    const keyId = idBytes ? text.decode(idBytes) : '';
    const key = this.byId.get(keyId);
    if (!key) throw new PayloadRefusedError(`载荷的密钥未配置 (no key "${keyId}" is configured)`);
    const data = Buffer.from(payload.data ?? new Uint8Array());
    if (data.length < IV_BYTES + TAG_BYTES) throw new PayloadRefusedError('载荷已损坏 (payload truncated)');
    const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, IV_BYTES));
    decipher.setAAD(utf8.encode(keyId));
    decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
    let plain: Buffer;
    try {
      plain = Buffer.concat([
        decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)),
        decipher.final(),
      ]);
    } catch {
      throw new PayloadRefusedError('载荷校验失败，可能被篡改 (payload failed authentication)');
    }
    return Proto.decode(plain) as Payload;
  }
}

function refusedMarker(reason: string): Payload {
  return {
    metadata: { encoding: utf8.encode('json/plain') },
    data: utf8.encode(JSON.stringify({ [REFUSED_PAYLOAD_FIELD]: reason })),
  };
}

/** `id:base64-of-32-bytes[,older-id:base64…]`, the first sealing. */
export function parseEncryptionKeys(value: string, problems: string[]): EncryptionKey[] {
  const keys: EncryptionKey[] = [];
  for (const [index, entry] of value
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)
    .entries()) {
    const at = entry.indexOf(':');
    const id = at > 0 ? entry.slice(0, at) : '';
    const key = Buffer.from(at > 0 ? entry.slice(at + 1) : '', 'base64');
    if (!/^[A-Za-z0-9._-]{1,64}$/.test(id))
      problems.push(
        `TEMPORAL_ENCRYPTION_KEYS entry ${index + 1} needs a key id before ":" (letters, digits, . _ -)`,
      );
    else if (key.length !== 32)
      problems.push(
        `TEMPORAL_ENCRYPTION_KEYS key "${id}" must be 32 bytes in base64 (openssl rand -base64 32)`,
      );
    else if (keys.some((k) => k.id === id)) problems.push(`TEMPORAL_ENCRYPTION_KEYS lists key "${id}" twice`);
    else keys.push({ id, key });
  }
  return keys;
}
