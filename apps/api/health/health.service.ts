import { Inject, Injectable, ServiceUnavailableException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { TEMPORAL_CLIENT } from '../temporal/temporal.module';

/** Whether the API's dependencies answer. */
@Injectable()
export class HealthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
  ) {}

  async readiness() {
    const checks = await Promise.all([
      this.dataSource.query('SELECT 1').then(
        () => ['postgres', 'ok'] as const,
        (e: Error) => ['postgres', e.message] as const,
      ),
      this.temporal.workflowService.getSystemInfo({}).then(
        () => ['temporal', 'ok'] as const,
        (e: Error) => ['temporal', e.message] as const,
      ),
    ]);
    const result = Object.fromEntries(checks);
    if (checks.some(([, v]) => v !== 'ok'))
      throw new ServiceUnavailableException(`not ready: ${JSON.stringify(result)}`);
    return { status: 'ready', ...result };
  }

  /** Obligations in the read model by status, for the metrics gauge. */
  obligationCounts(): Promise<{ status: string; count: string }[]> {
    // From the counts the projection keeps (a few hundred rows), not a scan of every obligation per scrape.
    return this.dataSource.query(
      'SELECT status, sum(count)::bigint AS count FROM obligation_counts GROUP BY status HAVING sum(count) > 0',
    );
  }
}
