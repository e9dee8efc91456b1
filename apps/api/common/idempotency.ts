import { localized } from './localized.exception';

/** A client-chosen Idempotency-Key: printable, at most 100 characters. */
export function idempotencyKey(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  if (!/^[\x21-\x7e]{1,100}$/.test(raw)) {
    throw localized(
      400,
      '「Idempotency-Key」须为 1–100 个可打印的 ASCII 字符，不含空格，请换一个',
      'Idempotency-Key must be 1–100 printable ASCII characters without spaces',
    );
  }
  return raw;
}
