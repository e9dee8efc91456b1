import { Inject, Injectable } from '@nestjs/common';
import type { Payload } from '@temporalio/common';
import { EncryptionCodec } from '../../../temporal/encryption.codec';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../common/principal';
import { API_CONFIG, type ApiConfig } from '../config/api-config';
import type { CodecPayloadDto } from './temporal-codec.dto';
import { localized } from '../common/localized.exception';

const fromJson = (p: CodecPayloadDto): Payload => ({
  metadata: Object.fromEntries(
    Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64')]),
  ),
  data: Buffer.from(p.data ?? '', 'base64'),
});

const toJson = (p: Payload): CodecPayloadDto => ({
  metadata: Object.fromEntries(
    Object.entries(p.metadata ?? {}).map(([k, v]) => [
      k,
      Buffer.from(v ?? new Uint8Array()).toString('base64'),
    ]),
  ),
  data: Buffer.from(p.data ?? new Uint8Array()).toString('base64'),
});

/**
 * Temporal's remote codec protocol, so the Temporal UI and CLI show administrators the payloads the
 * worker sealed. Decoding leaves alone what it cannot open (plaintext search attributes, a forged
 * payload), so a history with one bad payload still shows the rest.
 */
@Injectable()
export class TemporalCodecService {
  private readonly codec: EncryptionCodec | null;

  constructor(
    @Inject(API_CONFIG) config: ApiConfig,
    private readonly audit: AuditService,
  ) {
    const keys = config.temporal?.encryption?.keys;
    this.codec = keys?.length ? new EncryptionCodec({ keys, onRefused: 'throw' }) : null;
  }

  private enabled(): EncryptionCodec {
    if (!this.codec)
      throw localized(
        404,
        '载荷加密未启用（未设置 TEMPORAL_ENCRYPTION_KEYS），无需解码',
        'payload encryption is off (TEMPORAL_ENCRYPTION_KEYS is not set): there is nothing to decode',
      );
    return this.codec;
  }

  async decode(payloads: CodecPayloadDto[]): Promise<{ payloads: CodecPayloadDto[] }> {
    const codec = this.enabled();
    const decoded = await Promise.all(
      payloads.map(async (json) => {
        const payload = fromJson(json);
        try {
          const [plain] = await codec.decode([payload]);
          return toJson(plain ?? payload);
        } catch {
          return json;
        }
      }),
    );
    return { payloads: decoded };
  }

  /** Sealing lets its caller send Temporal a message the worker will trust: audited, admins only. */
  async encode(
    user: Principal,
    payloads: CodecPayloadDto[],
    namespace?: string,
  ): Promise<{ payloads: CodecPayloadDto[] }> {
    const codec = this.enabled();
    const sealed = await codec.encode(payloads.map(fromJson));
    await this.audit.append({
      actorId: user.id,
      actorRole: user.role,
      action: 'temporal-codec.encoded',
      details: { payloads: payloads.length, namespace: namespace ?? null },
    });
    return { payloads: sealed.map(toJson) };
  }
}
