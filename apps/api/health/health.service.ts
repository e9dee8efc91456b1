import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { TEMPORAL_CLIENT } from '../temporal/temporal.module';
import { localized } from '../common/localized.exception';

/** Whether the API's dependencies answer. */
@Injectable()
export class HealthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
  ) {}

  /**
   * Both dependencies are asked at once and each answer is bounded (the pool's connect timeout, the
   * gRPC deadline, and this race as the last word), so the probe says which one is down within 2 s.
   */
  async readiness() {
    const [postgres, temporal] = await Promise.all([
      probe(this.dataSource.query('SELECT 1')),
      probe(this.temporal.workflowService.getSystemInfo({})),
    ]);
    const down = [
      ...(postgres === 'ok' ? [] : [`数据库（PostgreSQL）不可用`]),
      ...(temporal === 'ok' ? [] : [`工作流服务（Temporal）不可用`]),
    ];
    if (down.length)
      throw localized(
        503,
        `未就绪：${down.join('；')}，请稍后重试`,
        `not ready: ${JSON.stringify({ postgres, temporal })}`,
      );
    return { status: 'ready', postgres, temporal };
  }

  /** Obligations in the read model by status, for the metrics gauge. */
  obligationCounts(): Promise<{ status: string; count: string }[]> {
    // From the counts the projection keeps (a few hundred rows), not a scan of every obligation per scrape.
    return this.dataSource.query(
      'SELECT status, sum(count)::bigint AS count FROM obligation_counts GROUP BY status HAVING sum(count) > 0',
    );
  }
}

export const PROBE_TIMEOUT_MS = 1_500;

/** 'ok', or why not: the error's message, or that no answer came in time. */
function probe(call: Promise<unknown>): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`no answer within ${PROBE_TIMEOUT_MS} ms`), PROBE_TIMEOUT_MS);
  });
  return Promise.race([
    call.then(
      () => 'ok',
      (e: Error) => e.message,
    ),
    timeout,
  ]).finally(() => clearTimeout(timer));
}
