import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { Public } from '../common/principal';
import { TEMPORAL_CLIENT } from '../temporal/temporal.module';

@ApiTags('health')
@Controller()
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
  ) {}

  @Public()
  @Get('healthz')
  healthz() {
    return { status: 'ok' };
  }

  @Public()
  @Get('readyz')
  async readyz() {
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
}
