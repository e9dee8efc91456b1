import { Controller, Get, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { Roles, ScrapeTokenAccepted } from '../common/principal';
import { HealthService } from '../health/health.service';

export const registry = new Registry();
collectDefaultMetrics({ register: registry });

const requests = new Counter({
  name: 'http_requests_total',
  help: 'HTTP requests by method, route and status',
  labelNames: ['method', 'route', 'status'],
  registers: [registry],
});
const latency = new Histogram({
  name: 'http_request_duration_seconds',
  help: 'HTTP request duration by method and route',
  labelNames: ['method', 'route'],
  registers: [registry],
});

/** Counts every request by its route pattern (never the raw path, which holds ids). */
export function httpMetrics(req: Request, res: Response, next: NextFunction): void {
  const end = latency.startTimer();
  res.on('finish', () => {
    const route = (req.route?.path as string | undefined) ?? 'unmatched';
    requests.inc({ method: req.method, route, status: String(res.statusCode) });
    end({ method: req.method, route });
  });
  next();
}

const obligations = new Gauge({
  name: 'deadline_keeper_obligations',
  help: 'Obligations in the read model by status',
  labelNames: ['status'],
  registers: [registry],
});
const readModelUp = new Gauge({
  name: 'deadline_keeper_read_model_up',
  help: '1 if this scrape read the counts from PostgreSQL, 0 if obligations and incidents are the last known',
  registers: [registry],
});

@ApiTags('health')
@Controller()
export class MetricsController {
  constructor(private readonly health: HealthService) {}

  // Metrics name routes, counts and incidents: for the bureau and the scraper, not the public.
  @Roles('operator', 'admin')
  @ScrapeTokenAccepted()
  @Get('metrics')
  async metrics(@Res({ passthrough: true }) res: Response) {
    await this.readObligations();
    res.type(registry.contentType);
    return registry.metrics();
  }

  /**
   * Without the database the scrape still answers: process and HTTP metrics stay live, the counts
   * keep their last values, and deadline_keeper_read_model_up says they are stale.
   */
  private async readObligations(): Promise<void> {
    try {
      const rows = await this.health.obligationCounts();
      obligations.reset();
      for (const r of rows) obligations.set({ status: r.status }, Number(r.count));
      readModelUp.set(1);
    } catch {
      readModelUp.set(0);
    }
  }
}
