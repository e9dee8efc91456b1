import { HttpException, Injectable } from '@nestjs/common';
import type { DepartmentChannelEntity } from '../../../db/entities';
import { smsPeopleOf } from '../../../db/sms-recipients';
import { maskRobotUrl } from '../../../net/robot-url';
import { AuditService } from '../audit/audit.service';
import { DepartmentScope } from '../common/department-scope';
import { localized } from '../common/localized.exception';
import type { Principal } from '../common/principal';
import { WebhookAllowlistService } from '../webhook-allowlist/webhook-allowlist.service';
import type { ChannelsDto } from './channels.dto';
import { NotificationsRepository } from './notifications.repository';

type Channels = Partial<DepartmentChannelEntity>;

/** Each channel that posts to a URL: its fields, its name, and whether it signs with a secret. */
const POSTING = [
  {
    name: ' Webhook ',
    en: 'the webhook',
    url: 'webhookUrl',
    secret: 'webhookSecret',
    on: 'webhookEnabled',
    masked: false,
  },
  {
    name: '钉钉机器人',
    en: 'the DingTalk robot',
    url: 'dingtalkUrl',
    secret: 'dingtalkSecret',
    on: 'dingtalkEnabled',
    masked: true,
  },
  {
    name: '企业微信机器人',
    en: 'the WeCom robot',
    url: 'wecomUrl',
    secret: null,
    on: 'wecomEnabled',
    masked: true,
  },
  {
    name: '飞书机器人',
    en: 'the Feishu bot',
    url: 'feishuUrl',
    secret: 'feishuSecret',
    on: 'feishuEnabled',
    masked: true,
  },
] as const;

const SECRETS = POSTING.flatMap((p) => (p.secret ? [p.secret] : []));

/**
 * Where a department's reminders go. Secrets are write-only and so are the robots' URLs (the token or
 * key in them is the secret): answers show them masked, audit entries too; every address is vetted
 * against the allow-list when it is set or switched on, as the webhook's is.
 */
@Injectable()
export class ChannelsService {
  constructor(
    private readonly repository: NotificationsRepository,
    private readonly audit: AuditService,
    private readonly scope: DepartmentScope,
    private readonly allowlist: WebhookAllowlistService,
  ) {}

  async get(user: Principal, id: string) {
    await this.scope.target(user, id);
    const c = await this.repository.channels(id);
    const people = await this.repository.smsPeople(id);
    const extra = c?.smsRecipients ?? [];
    const fromContacts = smsPeopleOf(people.contacts, [], people.headAccountPhones);
    return {
      departmentId: id,
      emails: c?.emails ?? [],
      emailEnabled: c?.emailEnabled ?? true,
      webhookUrl: c?.webhookUrl ?? null,
      webhookEnabled: c?.webhookEnabled ?? false,
      webhookSecretSet: Boolean(c?.webhookSecret),
      dingtalkUrl: maskRobotUrl(c?.dingtalkUrl ?? null),
      dingtalkSecretSet: Boolean(c?.dingtalkSecret),
      dingtalkAtMobiles: c?.dingtalkAtMobiles ?? [],
      dingtalkEnabled: c?.dingtalkEnabled ?? false,
      wecomUrl: maskRobotUrl(c?.wecomUrl ?? null),
      wecomMentionedMobiles: c?.wecomMentionedMobiles ?? [],
      wecomEnabled: c?.wecomEnabled ?? false,
      feishuUrl: maskRobotUrl(c?.feishuUrl ?? null),
      feishuSecretSet: Boolean(c?.feishuSecret),
      feishuEnabled: c?.feishuEnabled ?? false,
      smsProvider: c?.smsProvider ?? null,
      smsRecipients: extra,
      smsEnabled: c?.smsEnabled ?? false,
      // Who an SMS reaches besides those listed: contacts with a mobile, and the head once escalated.
      smsContacts: fromContacts.staff,
      smsHeads: fromContacts.heads,
    };
  }

  async set(user: Principal, id: string, body: ChannelsDto) {
    await this.scope.target(user, id);
    const current = await this.repository.channels(id);
    const next: Channels = { ...current, departmentId: id, ...(body as Channels), updatedAt: new Date() };
    try {
      await this.check(id, body, next);
    } catch (error) {
      if (error instanceof HttpException)
        await this.audit.append({
          actorId: user.id,
          actorRole: user.role,
          action: 'channels.refused',
          details: { departmentId: id, status: error.getStatus(), why: error.message.slice(0, 300) },
        });
      throw error;
    }
    await this.repository.transaction(async (tx) => {
      await this.repository.saveChannels(next, tx);
      await this.audit.append(
        {
          actorId: user.id,
          actorRole: user.role,
          action: 'channels.updated',
          details: { departmentId: id, ...shown(body) },
        },
        tx,
      );
    });
    return this.get(user, id);
  }

  private async check(id: string, body: ChannelsDto, next: Channels) {
    for (const p of POSTING) {
      const url = next[p.url];
      if (p.masked && typeof body[p.url] === 'string' && (body[p.url] as string).includes('***'))
        throw localized(
          422,
          `「${p.url}」是打码显示的地址，请填写${p.name}的完整地址，或不提交该字段以保持不变`,
          `${p.url}: that is the masked address; send the full URL, or leave the field out to keep it`,
        );
      if (next[p.on] && (!url || (p.secret && !next[p.secret])))
        throw localized(
          422,
          `「${p.on}」启用${p.name}前须先设置「${p.url}」${p.secret ? `和「${p.secret}」` : ''}`,
          `${p.on}: ${p.en} needs ${p.url}${p.secret ? ` and ${p.secret}` : ''} before it can be enabled`,
        );
      // Checked when set or switched on; the dispatcher checks again on the address it connects to.
      if (url && (body[p.url] !== undefined || body[p.on])) await this.allowlist.vet(url, p.url);
    }
    if (next.smsEnabled) {
      if (!next.smsProvider)
        throw localized(
          422,
          '「smsEnabled」启用短信前须先选择「smsProvider」（aliyun 阿里云 或 tencent 腾讯云）',
          'smsEnabled: choose smsProvider (aliyun or tencent) before enabling SMS',
        );
      const people = await this.repository.smsPeople(id);
      const reach = smsPeopleOf(people.contacts, next.smsRecipients ?? [], people.headAccountPhones);
      if (reach.staff.length === 0 && reach.heads.length === 0)
        throw localized(
          422,
          '「smsRecipients」启用短信前须至少有一个手机号：在此填写，或在部门联系人中填写手机号',
          'smsRecipients: SMS needs at least one mobile, here or among the department contacts',
        );
    }
  }
}

/** What the audit keeps of a change: everything but secrets; robots' URLs masked. */
function shown(body: ChannelsDto): Record<string, unknown> {
  const out: Record<string, unknown> = { ...body };
  for (const s of SECRETS) {
    delete out[s];
    if (body[s] !== undefined) out[`${s}Changed`] = true;
  }
  for (const p of POSTING)
    if (p.masked && body[p.url] !== undefined) out[p.url] = maskRobotUrl(body[p.url] ?? null);
  return out;
}
