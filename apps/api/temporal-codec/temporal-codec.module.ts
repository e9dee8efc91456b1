import { Inject, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { API_CONFIG, type ApiConfig } from '../config/api-config';
import { TemporalCodecController } from './temporal-codec.controller';
import { TemporalCodecService } from './temporal-codec.service';

/**
 * The Temporal UI calls the codec from the browser on its own origin: only the origins an
 * administrator configured (TEMPORAL_CODEC_CORS_ORIGINS) may, and a preflight is answered here,
 * before authentication, since browsers send it without the token.
 */
@Module({ controllers: [TemporalCodecController], providers: [TemporalCodecService] })
export class TemporalCodecModule implements NestModule {
  constructor(@Inject(API_CONFIG) private readonly config: ApiConfig) {}

  configure(consumer: MiddlewareConsumer): void {
    const origins = new Set(this.config.codecCorsOrigins ?? []);
    consumer
      .apply((req: Request, res: Response, next: NextFunction) => {
        const origin = req.headers.origin;
        if (origin && origins.has(origin)) {
          res.setHeader('Access-Control-Allow-Origin', origin);
          res.setHeader('Access-Control-Allow-Credentials', 'true');
          res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type, X-Namespace');
          res.setHeader('Access-Control-Allow-Methods', 'POST, OPTIONS');
          res.setHeader('Vary', 'Origin');
        }
        if (req.method === 'OPTIONS') return void res.status(origin && origins.has(origin) ? 204 : 403).end();
        next();
      })
      .forRoutes('temporal-codec/*path');
  }
}
