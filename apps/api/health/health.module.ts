import { Module } from '@nestjs/common';
import { MetricsController } from '../metrics/metrics';
import { HealthController } from './health.controller';
import { HealthService } from './health.service';

@Module({ controllers: [HealthController, MetricsController], providers: [HealthService] })
export class HealthModule {}
