import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { DepartmentEntity, UserEntity } from '../../../db/entities';

/** The sign-in side of an account: lockout counters, token versions and the password hash. */
@Injectable()
export class AccountsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  byUsername(username: string): Promise<UserEntity | null> {
    return this.dataSource.getRepository(UserEntity).findOneBy({ username });
  }

  /** The Chinese name the console shows beside a department account, instead of its code. */
  async departmentName(id: string | null): Promise<string | null> {
    if (!id) return null;
    const department = await this.dataSource
      .getRepository(DepartmentEntity)
      .findOne({ where: { id }, select: { id: true, name: true } });
    return department?.name ?? null;
  }

  /** What every request checks: the token version, whether the account is disabled or must change its password. */
  tokenState(
    id: string,
  ): Promise<Pick<UserEntity, 'tokenVersion' | 'disabled' | 'mustChangePassword'> | null> {
    return this.dataSource.getRepository(UserEntity).findOne({
      where: { id },
      select: { id: true, tokenVersion: true, disabled: true, mustChangePassword: true },
    });
  }

  /** Counts a failure in one statement (concurrent failures all count); locks once the limit is reached. */
  async failed(id: string, limit: number, lockMs: number): Promise<{ locked: boolean }> {
    const [rows] = await this.dataSource.query(
      `UPDATE users
          SET failed_logins = CASE WHEN failed_logins + 1 >= $2 THEN 0 ELSE failed_logins + 1 END,
              locked_until = CASE WHEN failed_logins + 1 >= $2 THEN now() + ($3 || ' milliseconds')::interval
                                  ELSE locked_until END
        WHERE id = $1
        RETURNING failed_logins = 0 AS locked`,
      [id, limit, String(lockMs)],
    );
    return { locked: Boolean(rows?.[0]?.locked) };
  }

  async succeeded(id: string): Promise<void> {
    await this.dataSource.getRepository(UserEntity).update({ id }, { failedLogins: 0, lockedUntil: null });
  }

  /** Every token issued before this call stops working; returns the new version. */
  async revokeTokens(id: string, passwordHash?: string): Promise<number> {
    const [rows] = await this.dataSource.query(
      `UPDATE users SET token_version = token_version + 1,
              password_hash = COALESCE($2, password_hash),
              password_changed_at = CASE WHEN $2::text IS NULL THEN password_changed_at ELSE now() END,
              must_change_password = CASE WHEN $2::text IS NULL THEN must_change_password ELSE false END
        WHERE id = $1 RETURNING token_version`,
      [id, passwordHash ?? null],
    );
    return Number(rows[0].token_version);
  }
}
