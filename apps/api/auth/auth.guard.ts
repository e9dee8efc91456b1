import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JsonWebTokenError } from '@nestjs/jwt';
import type { Role } from '../../../domain';
import { Principal, PUBLIC_ROUTE, ROLES } from '../common/principal';
import { AuthService } from './auth.service';

/** Every route needs a valid bearer token unless marked @Public(); @Roles() narrows who may call it. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context
      .switchToHttp()
      .getRequest<{ headers: Record<string, string | undefined>; principal?: Principal }>();
    const header = request.headers.authorization ?? '';
    const [scheme, token] = header.split(' ');
    if (scheme !== 'Bearer' || !token)
      throw new UnauthorizedException('sign in first: send Authorization: Bearer <token>');
    try {
      request.principal = await this.auth.verify(token);
    } catch (error) {
      // Expired, not yet valid, badly signed or malformed tokens all derive from JsonWebTokenError.
      if (error instanceof JsonWebTokenError)
        throw new UnauthorizedException('the token is invalid or has expired; sign in again');
      throw error;
    }
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (roles && !roles.includes(request.principal.role)) {
      throw new ForbiddenException(`this action is for: ${roles.join(', ')}`);
    }
    return true;
  }
}
