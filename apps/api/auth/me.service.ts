import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../common/principal';
import type { PreferencesDto } from './me.dto';
import { MeRepository } from './me.repository';

/** The caller's own account: what it shows and the preferences it may change. */
@Injectable()
export class MeService {
  constructor(
    private readonly repository: MeRepository,
    private readonly audit: AuditService,
  ) {}

  async me(user: Principal) {
    const u = await this.repository.user(user.id);
    return {
      id: u.id,
      username: u.username,
      displayName: u.displayName,
      role: u.role,
      departmentId: u.departmentId,
      email: u.email,
      phone: u.phone,
      dailyDigest: u.dailyDigest,
      mustChangePassword: u.mustChangePassword,
    };
  }

  async preferences(user: Principal, body: PreferencesDto) {
    await this.repository.transaction(async (tx) => {
      await this.repository.update(user.id, body, tx);
      await this.audit.append(
        { actorId: user.id, actorRole: user.role, action: 'preferences.updated', details: { ...body } },
        tx,
      );
    });
    return this.me(user);
  }
}
