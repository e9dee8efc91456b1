import type { DataSource, EntityManager } from 'typeorm';
import { WebhookAllowEntity } from '../entities';

/** The administrator's allow-list, read by the API when a webhook is configured and by the dispatcher. */
export async function webhookAllowEntries(dataSource: DataSource | EntityManager): Promise<string[]> {
  const rows = await dataSource.getRepository(WebhookAllowEntity).find({ order: { entry: 'ASC' } });
  return rows.map((r) => r.entry);
}

export async function replaceWebhookAllowEntries(
  tx: EntityManager,
  entries: readonly string[],
  addedBy: string,
): Promise<void> {
  await tx.getRepository(WebhookAllowEntity).clear();
  if (entries.length)
    await tx.getRepository(WebhookAllowEntity).insert(entries.map((entry) => ({ entry, addedBy })));
}
