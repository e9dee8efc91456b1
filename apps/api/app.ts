import 'reflect-metadata';
import { INestApplication, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { AppModule } from './app.module';
import { AuditService } from './audit/audit.service';
import { ProblemFilter } from './common/problem.filter';
import { StrictValidationPipe } from './common/validation.pipe';
import { httpMetrics } from './metrics/metrics';
import { webConsole } from './web/web-static';
import type { ApiConfig } from './config/api-config';

/**
 * Same-origin everything. Styles may be inline: the Swagger UI and Ant Design set styles at run time,
 * while scripts never are (no 'unsafe-inline' or 'unsafe-eval' for them).
 */
const CSP = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

const ROOT_ALIASES = new Set(['/healthz', '/readyz', '/metrics']);

/** The API application, configured the same way for `npm start` and for the end-to-end tests. */
export async function createApp(
  config: ApiConfig,
  options: { logger?: false | LogLevel[]; shutdownHooks?: boolean } = {},
): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule.register(config), {
    ...(options.logger !== undefined ? { logger: options.logger } : {}),
    abortOnError: false,
  });
  app.setGlobalPrefix('api/v1');
  app.getHttpAdapter().getInstance().disable('x-powered-by');
  app.use(helmet({ contentSecurityPolicy: { directives: CSP } }));
  // Probes and the metrics scrape are also served at the root, where orchestrators and Prometheus look.
  app.use((req: { url: string; path: string }, _res: unknown, next: () => void) => {
    if (ROOT_ALIASES.has(req.path)) req.url = `/api/v1${req.url}`;
    next();
  });
  app.use(httpMetrics);
  app.use(webConsole());
  app.useGlobalPipes(new StrictValidationPipe());
  app.useGlobalFilters(new ProblemFilter(app.get(AuditService)));
  // `npm start` stops everything itself, in order; a lone API process lets Nest handle the signals.
  if (options.shutdownHooks !== false) app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('期限监管 Deadline Keeper API')
      .setDescription('Register projects, record facts and approvals, oversee deadlines, administer.')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document);
  return app;
}
