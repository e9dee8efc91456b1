import { createHmac, timingSafeEqual } from 'node:crypto';
import type { NotificationEntity } from '../../db/entities';
import type { AllowList } from '../../net/address-policy';
import { guardedPost } from '../../net/guarded-request';
import { compose, idempotencyKeyOf } from './message';

export const SIGNATURE_HEADER = 'x-deadline-keeper-signature';
export const TIMESTAMP_HEADER = 'x-deadline-keeper-timestamp';
export const IDEMPOTENCY_HEADER = 'idempotency-key';

/** v1=hex(HMAC-SHA256(secret, "<timestamp>.<body>")): the receiver recomputes it to trust the call. */
export function sign(secret: string, timestamp: string, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** What a department's OA system runs to check a call (also used by the tests' receiver). */
export function verifySignature(
  secret: string,
  timestamp: string,
  body: string,
  signature: string,
  now: number,
  toleranceSeconds = 300,
): boolean {
  if (!/^\d+$/.test(timestamp) || Math.abs(now / 1000 - Number(timestamp)) > toleranceSeconds) return false;
  const expected = Buffer.from(sign(secret, timestamp, body));
  const actual = Buffer.from(signature);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

export interface WebhookTarget {
  url: string;
  secret: string;
  /** Internal addresses an administrator allowed; everything else internal is refused at connect time. */
  allow: AllowList;
  timeoutMs: number;
}

export async function sendWebhook(
  notification: NotificationEntity,
  target: WebhookTarget,
  now: number,
): Promise<void> {
  const { subject, text, facts } = compose(notification, now);
  const body = JSON.stringify({
    id: idempotencyKeyOf(notification),
    kind: notification.kind,
    audience: notification.audience,
    project: {
      id: notification.projectId,
      name: (notification.payload as { projectName?: string }).projectName,
    },
    departmentId: notification.departmentId,
    obligation: {
      key: notification.obligationKey,
      title: (notification.payload as { title?: string }).title,
      basis: (notification.payload as { basis?: string }).basis,
    },
    dueOn: notification.dueOn,
    ...facts,
    subject,
    message: text,
    scheduledFor: notification.scheduledFor.toISOString(),
  });
  const timestamp = String(Math.floor(now / 1000));
  await guardedPost({
    url: target.url,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      [IDEMPOTENCY_HEADER]: idempotencyKeyOf(notification),
      [TIMESTAMP_HEADER]: timestamp,
      [SIGNATURE_HEADER]: sign(target.secret, timestamp, body),
    },
    body,
    allow: target.allow,
    timeoutMs: target.timeoutMs,
  });
}
