import nodemailer, { Transporter } from 'nodemailer';
import type { NotificationEntity } from '../../db/entities';
import { compose, idempotencyKeyOf } from './message';

export interface EmailChannel {
  send(notification: NotificationEntity, to: string, now: number): Promise<void>;
  sendDigest(to: string, notifications: NotificationEntity[], now: number): Promise<void>;
  close(): void;
}

/** SMTP through nodemailer (SMTP_URL, e.g. smtp://user:pass@mail.example.gov.cn:587). */
export function createEmailChannel(
  smtpUrl: string,
  from = '期限监管 <deadline-keeper@localhost>',
): EmailChannel {
  const transport: Transporter = nodemailer.createTransport(smtpUrl);
  return {
    async send(notification, to, now) {
      const { subject, text } = compose(notification, now);
      const key = idempotencyKeyOf(notification);
      await transport.sendMail({
        from,
        to,
        subject,
        text,
        // The same Message-ID on every attempt: a mail system can drop the duplicate of a retried send.
        messageId: `<${key}@deadline-keeper>`,
        headers: { 'X-Deadline-Keeper-Idempotency-Key': key },
      });
    },
    async sendDigest(to, notifications, now) {
      const day = new Date(now + 8 * 3_600_000).toISOString().slice(0, 10);
      const parts = notifications.map(
        (n, i) => `${i + 1}. ${compose(n, now).subject}\n${compose(n, now).text}`,
      );
      await transport.sendMail({
        from,
        to,
        subject: `【逾期督办日报】${day} 共 ${notifications.length} 项`,
        text: parts.join('\n\n'),
        messageId: `<digest-${day}-${Buffer.from(to).toString('hex').slice(0, 16)}@deadline-keeper>`,
      });
    },
    close: () => transport.close(),
  };
}
