import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Actor } from '../../../activities/types';
import type { Role } from '../../../domain';

/** Who is calling, from a verified token. */
export interface Principal {
  id: string;
  username: string;
  role: Role;
  /** Set for department staff only. */
  departmentId: string | null;
  /** The password was set by someone else (a new account, a reset) and has not been changed yet. */
  mustChangePassword?: boolean;
}

export const CurrentUser = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): Principal => ctx.switchToHttp().getRequest().principal,
);

export const PUBLIC_ROUTE = 'public-route';
/** The route needs no token (login, health, calendar feeds with their own token). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

export const SCRAPE_TOKEN = 'scrape-token';
/** Besides a bureau user's token, the route takes the configured METRICS_TOKEN (Prometheus has no user). */
export const ScrapeTokenAccepted = () => SetMetadata(SCRAPE_TOKEN, true);

export const BEFORE_PASSWORD_CHANGE = 'before-password-change';
/** The route stays open to an account that must still change the password someone else set. */
export const AllowedBeforePasswordChange = () => SetMetadata(BEFORE_PASSWORD_CHANGE, true);

export const ROLES = 'roles';
/** Only these roles may call the route; others get 403 with the reason. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);

/** Bureau staff see every department; a department only its own. */
export const isBureau = (p: Principal) => p.role === 'operator' || p.role === 'admin';

/** The principal as the workflows record who acted. */
export const actorOf = (p: Principal): Actor => ({
  id: p.id,
  role: p.role,
  ...(p.departmentId ? { departmentId: p.departmentId } : {}),
});
