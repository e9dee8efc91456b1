import { Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { Principal } from './principal';

/** Limits count per signed-in user (many users may share one government network address). */
@Injectable()
export class PerUserThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    const principal = req.principal as Principal | undefined;
    return principal ? `user:${principal.id}` : `ip:${String(req.ip)}`;
  }
}
