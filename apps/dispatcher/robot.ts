/**
 * What the group robots and SMS services share: their errors (a refusal, or "too fast, later"), the
 * Chinese markdown a person reads in the group, and answers read without ever echoing a secret.
 */
import type { NotificationEntity } from '../../db/entities';
import { compose } from './message';

/** The vendor took the call but not the message; the reason is the vendor's code, safe to store. */
export class VendorRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'VendorRefusedError';
  }
}

/** The vendor's rate limit answered: not a failure, the delivery waits its turn and goes out later. */
export class RateLimitedError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs = 60_000,
  ) {
    super(message);
    this.name = 'RateLimitedError';
  }
}

/** Every robot: at most 20 messages a minute (DingTalk, WeCom; Feishu allows more, kept the same). */
export const ROBOT_PER_MINUTE = 20;

export { maskRobotUrl, robotRecipient } from '../../net/robot-url';

/** The notice as markdown: a heading, then the same lines the e-mail carries. */
export function markdownOf(n: NotificationEntity, now: number): { title: string; text: string } {
  const { subject, text } = compose(n, now);
  const body = text
    .split('\n')
    .map((line) => (line.trim() === '' ? '' : `${line}  `))
    .join('\n');
  return { title: subject, text: `### ${subject}\n\n${body}` };
}

/** Parses a vendor's JSON answer; a body that is not JSON is a refusal, never a success. */
export function parseAnswer(body: string, vendor: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed && typeof parsed === 'object') return parsed as Record<string, unknown>;
  } catch {
    // falls through
  }
  throw new VendorRefusedError(`${vendor}答复无法识别，视为未送达`);
}

/** A vendor's message text, short and with any secret removed, for last_error. */
export function vendorMessage(message: unknown, secrets: (string | null | undefined)[]): string {
  let text = String(message ?? '').slice(0, 120);
  for (const secret of secrets) if (secret) text = text.split(secret).join('***');
  return text;
}

/**
 * Cuts a string to at most `maxBytes` of UTF-8 at a character boundary, ending with `note` when cut.
 */
export function truncateUtf8(text: string, maxBytes: number, note: string): string {
  if (Buffer.byteLength(text) <= maxBytes) return text;
  const budget = maxBytes - Buffer.byteLength(note);
  let used = 0;
  let out = '';
  for (const ch of text) {
    const size = Buffer.byteLength(ch);
    if (used + size > budget) break;
    used += size;
    out += ch;
  }
  return out + note;
}
