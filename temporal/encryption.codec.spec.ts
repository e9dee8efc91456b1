import { defaultPayloadConverter } from '@temporalio/common';
import { randomBytes } from 'node:crypto';
import {
  ENCRYPTED_ENCODING,
  EncryptionCodec,
  KEY_ID_METADATA,
  parseEncryptionKeys,
  PayloadRefusedError,
  REFUSED_PAYLOAD_FIELD,
} from './encryption.codec';

const k1 = { id: 'k1', key: randomBytes(32) };
const k2 = { id: 'k2', key: randomBytes(32) };
const project = { name: '市政务服务一网通办平台', investment: 3_500_000 };
const payload = () => defaultPayloadConverter.toPayload(project);
const text = (b?: Uint8Array | null) => Buffer.from(b ?? []).toString('utf8');
const worker = (keys = [k1]) => new EncryptionCodec({ keys, onRefused: 'marker' });
const client = (keys = [k1]) => new EncryptionCodec({ keys, onRefused: 'throw' });
const fromMarker = (p: ReturnType<typeof payload>) =>
  defaultPayloadConverter.fromPayload<Record<string, string>>(p)[REFUSED_PAYLOAD_FIELD];

describe('the AES-256-GCM payload codec', () => {
  it('seals a payload so neither its name nor its amount can be read, and opens it again', async () => {
    const [sealed] = await client().encode([payload()]);
    expect(text(sealed?.metadata?.encoding)).toBe(ENCRYPTED_ENCODING);
    expect(text(sealed?.metadata?.[KEY_ID_METADATA])).toBe('k1');
    expect(Buffer.from(sealed!.data!).includes(Buffer.from(project.name))).toBe(false);
    expect(Buffer.from(sealed!.data!).includes(Buffer.from('3500000'))).toBe(false);
    const [opened] = await worker().decode([sealed!]);
    expect(defaultPayloadConverter.fromPayload(opened!)).toEqual(project);
  });

  it('seals the same value differently each time (a fresh IV)', async () => {
    const [a] = await client().encode([payload()]);
    const [b] = await client().encode([payload()]);
    expect(Buffer.from(a!.data!).equals(Buffer.from(b!.data!))).toBe(false);
  });

  it('rotates: the first key seals, an older key still opens what it sealed', async () => {
    const [old] = await client([k1]).encode([payload()]);
    const rotated = client([k2, k1]);
    const [fresh] = await rotated.encode([payload()]);
    expect(text(fresh?.metadata?.[KEY_ID_METADATA])).toBe('k2');
    const opened = await rotated.decode([old!, fresh!]);
    expect(opened.map((p) => defaultPayloadConverter.fromPayload(p))).toEqual([project, project]);
  });

  it('refuses a payload sealed under a key no longer configured', async () => {
    const [old] = await client([k1]).encode([payload()]);
    await expect(client([k2]).decode([old!])).rejects.toThrow(PayloadRefusedError);
    const [marker] = await worker([k2]).decode([old!]);
    expect(fromMarker(marker!)).toContain('no key "k1"');
  });

  it('refuses a tampered payload and one relabelled with another key id', async () => {
    const [sealed] = await client([k1, k2]).encode([payload()]);
    const tampered = { ...sealed!, data: Buffer.from(sealed!.data!) };
    tampered.data.writeUInt8((tampered.data.readUInt8(20) ^ 1) & 0xff, 20);
    await expect(client([k1, k2]).decode([tampered])).rejects.toThrow('failed authentication');
    const relabelled = {
      ...sealed!,
      metadata: { ...sealed!.metadata, [KEY_ID_METADATA]: Buffer.from('k2') },
    };
    await expect(client([k1, k2]).decode([relabelled])).rejects.toThrow('failed authentication');
    const truncated = { ...sealed!, data: Buffer.from(sealed!.data!).subarray(0, 10) };
    await expect(client().decode([truncated])).rejects.toThrow('truncated');
  });

  it('refuses a plaintext payload (a message forged without the key) unless migrating', async () => {
    const [marker] = await worker().decode([payload()]);
    expect(fromMarker(marker!)).toContain('未加密的载荷已拒绝');
    await expect(client().decode([payload()])).rejects.toThrow('unencrypted payload refused: json/plain');
    const migrating = new EncryptionCodec({ keys: [k1], onRefused: 'throw', acceptPlaintext: true });
    const [passed] = await migrating.decode([payload()]);
    expect(defaultPayloadConverter.fromPayload(passed!)).toEqual(project);
  });

  it('reads keys as id:base64 and names what is wrong with each', () => {
    const problems: string[] = [];
    const good = `${k1.id}:${k1.key.toString('base64')}`;
    expect(
      parseEncryptionKeys(`${good}, k2:${k2.key.toString('base64')}`, problems).map((k) => k.id),
    ).toEqual(['k1', 'k2']);
    expect(problems).toEqual([]);
    parseEncryptionKeys(`${good},${good},short:${randomBytes(16).toString('base64')},:abc`, problems);
    expect(problems).toEqual([
      'TEMPORAL_ENCRYPTION_KEYS lists key "k1" twice',
      'TEMPORAL_ENCRYPTION_KEYS key "short" must be 32 bytes in base64 (openssl rand -base64 32)',
      'TEMPORAL_ENCRYPTION_KEYS entry 4 needs a key id before ":" (letters, digits, . _ -)',
    ]);
  });
});
