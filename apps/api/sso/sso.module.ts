import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { SsoAccountsService } from './sso-accounts.service';
import { SsoController } from './sso.controller';
import { SsoRepository } from './sso.repository';
import { SsoService } from './sso.service';

/** Single sign-on through an OpenID Connect provider; off until OIDC_ISSUER is configured. */
@Module({
  imports: [AuthModule],
  controllers: [SsoController],
  providers: [SsoService, SsoAccountsService, SsoRepository],
})
export class SsoModule {}
