import type { DataSource } from 'typeorm';
import { DeliveryEntity } from '../entities';

/**
 * Puts a notification's dead or failed deliveries back in line with a fresh set of attempts. The
 * dispatcher and the API's retry route share it, so both requeue the same way.
 */
export async function requeueDeliveries(
  dataSource: DataSource,
  notificationId: string,
  at: Date,
): Promise<number> {
  const result = await dataSource
    .createQueryBuilder()
    .update(DeliveryEntity)
    .set({ status: 'pending', attempts: 0, nextAttemptAt: at, lastError: null })
    .where('notification_id = :id AND status IN (:...statuses)', {
      id: notificationId,
      statuses: ['dead', 'failed'],
    })
    .execute();
  return result.affected ?? 0;
}
