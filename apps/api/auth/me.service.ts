import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { UserEntity } from '../../../db/entities';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../common/principal';
import type { PreferencesDto } from './me.dto';

/** The caller's own account: what it shows and the preferences it may change. */
@Injectable()
export class MeService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async me(user: Principal) {
    const u = await this.dataSource.getRepository(UserEntity).findOneByOrFail({ id: user.id });
    return {
      id: u.id,
      username: u.username,
      displayName: u.displayName,
      role: u.role,
      departmentId: u.departmentId,
      email: u.email,
      dailyDigest: u.dailyDigest,
    };
  }

  async preferences(user: Principal, body: PreferencesDto) {
    await this.dataSource.transaction(async (tx) => {
      await tx.getRepository(UserEntity).update({ id: user.id }, body);
      await this.audit.append(
        { actorId: user.id, actorRole: user.role, action: 'preferences.updated', details: { ...body } },
        tx,
      );
    });
    return this.me(user);
  }
}
