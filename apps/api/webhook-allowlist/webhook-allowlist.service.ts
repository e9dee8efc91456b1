import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import {
  replaceWebhookAllowEntries,
  webhookAllowEntries,
} from '../../../db/repositories/webhook-allowlist.repository';
import { allowEntryProblem, AllowList } from '../../../net/address-policy';
import { UnsafeAddressError, vetUrl } from '../../../net/guarded-request';
import { AuditService } from '../audit/audit.service';
import { localized, LocalizedException } from '../common/localized.exception';
import type { Principal } from '../common/principal';
import { API_CONFIG, ApiConfig } from '../config/api-config';

/** Which internal addresses departments' webhooks may reach: the administrator's list plus WEBHOOK_ALLOW. */
@Injectable()
export class WebhookAllowlistService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    private readonly audit: AuditService,
  ) {}

  async list() {
    return {
      entries: await webhookAllowEntries(this.dataSource),
      fromConfiguration: this.config.webhookAllow,
    };
  }

  async replace(user: Principal, entries: string[]) {
    const cleaned = [...new Set(entries.map((e) => e.trim().toLowerCase()).filter(Boolean))].sort();
    const bad = cleaned.filter((e) => allowEntryProblem(e) !== null);
    if (bad.length)
      throw new LocalizedException(422, (lang) =>
        lang === 'en'
          ? `entries: ${bad.map((e) => allowEntryProblem(e, 'en')).join('; ')}`
          : `「entries」：${bad.map((e) => allowEntryProblem(e)).join('；')}`,
      );
    await this.dataSource.transaction(async (tx) => {
      const before = await webhookAllowEntries(tx);
      await replaceWebhookAllowEntries(tx, cleaned, user.id);
      await this.audit.append(
        {
          actorId: user.id,
          actorRole: user.role,
          action: 'webhook-allowlist.updated',
          details: { before, after: cleaned },
        },
        tx,
      );
    });
    return this.list();
  }

  /** Refuses a webhook or robot URL that points somewhere internal nobody allowed, naming the field. */
  async vet(url: string, field = 'webhookUrl'): Promise<void> {
    const allow = new AllowList([
      ...this.config.webhookAllow,
      ...(await webhookAllowEntries(this.dataSource)),
    ]);
    try {
      await vetUrl(url, allow);
    } catch (error) {
      if (error instanceof UnsafeAddressError)
        throw localized(422, `「${field}」${error.message}`, `${field}: ${error.english}`);
      if ((error as NodeJS.ErrnoException).code?.startsWith('E'))
        throw localized(
          422,
          `「${field}」的主机名无法解析，请检查地址`,
          `${field}: the host name does not resolve; check the address`,
        );
      throw error;
    }
  }
}
