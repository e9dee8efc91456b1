import { BadRequestException } from '@nestjs/common';

/** A client-chosen Idempotency-Key: printable, at most 100 characters. */
export function idempotencyKey(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  if (!/^[\x21-\x7e]{1,100}$/.test(raw)) {
    throw new BadRequestException('Idempotency-Key must be 1–100 printable ASCII characters without spaces');
  }
  return raw;
}
