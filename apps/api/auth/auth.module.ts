import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { ThrottlerModule } from '@nestjs/throttler';
import { API_CONFIG, ApiConfig } from '../config/api-config';
import { AccountsRepository } from './accounts.repository';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { MeController } from './me.controller';
import { MeRepository } from './me.repository';
import { MeService } from './me.service';

@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [API_CONFIG],
      useFactory: (config: ApiConfig) => ({
        secret: config.jwt.secret,
        signOptions: {
          issuer: config.jwt.issuer,
          audience: config.jwt.audience,
          expiresIn: config.jwt.ttlSeconds,
        },
        verifyOptions: { issuer: config.jwt.issuer, audience: config.jwt.audience, algorithms: ['HS256'] },
      }),
    }),
    ThrottlerModule.forRootAsync({
      inject: [API_CONFIG],
      useFactory: (config: ApiConfig) => [
        { name: 'login', ttl: 60_000, limit: config.loginPerMinute },
        { name: 'simulate', ttl: 60_000, limit: config.simulate.perMinute },
      ],
    }),
  ],
  controllers: [AuthController, MeController],
  providers: [
    AccountsRepository,
    AuthService,
    MeService,
    MeRepository,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [AuthService],
})
export class AuthModule {}
