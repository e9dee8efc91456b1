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

@ApiTags('health')
@Controller()
export class MetricsController {
  private readonly obligations: Gauge;

  constructor(health: HealthService) {
    const existing = registry.getSingleMetric('deadline_keeper_obligations') as Gauge | undefined;
    this.obligations =
      existing ??
      new Gauge({
        name: 'deadline_keeper_obligations',
        help: 'Obligations in the read model by status',
        labelNames: ['status'],
        registers: [registry],
        async collect() {
          const rows = await health.obligationCounts();
          this.reset();
          for (const r of rows) this.set({ status: r.status }, Number(r.count));
        },
      });
  }

  // Metrics name routes, counts and incidents: for the bureau and the scraper, not the public.
  @Roles('operator', 'admin')
  @ScrapeTokenAccepted()
  @Get('metrics')
  async metrics(@Res({ passthrough: true }) res: Response) {
    res.type(registry.contentType);
    return registry.metrics();
  }
}
