import 'reflect-metadata';
import { INestApplication, LogLevel, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from './app.module';
import { ProblemFilter } from './common/problem.filter';
import { httpMetrics } from './metrics/metrics';
import type { ApiConfig } from './config/api-config';

/** The API application, configured the same way for `npm start` and for the end-to-end tests. */
export async function createApp(
  config: ApiConfig,
  options: { logger?: false | LogLevel[]; shutdownHooks?: boolean } = {},
): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule.register(config), {
    ...(options.logger !== undefined ? { logger: options.logger } : {}),
    abortOnError: false,
  });
  app.setGlobalPrefix('api/v1', { exclude: ['healthz', 'readyz', 'metrics'] });
  app.use(httpMetrics);
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      stopAtFirstError: false,
    }),
  );
  app.useGlobalFilters(new ProblemFilter());
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
