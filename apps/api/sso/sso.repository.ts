import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { DepartmentEntity, UserEntity } from '../../../db/entities';
import { insertAccount, type NewAccount } from '../../../db/repositories/accounts.repository';

export interface PendingLogin {
  browserHash: string;
  codeVerifier: string;
  nonce: string;
  expired: boolean;
}

/** Sign-ins in progress (sso_logins) and the account look-ups single sign-on needs. */
@Injectable()
export class SsoRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async saveLogin(
    stateHash: string,
    browserHash: string,
    codeVerifier: string,
    nonce: string,
    ttlMs: number,
  ) {
    await this.dataSource.query(
      `INSERT INTO sso_logins (state_hash, browser_hash, code_verifier, nonce, expires_at)
       VALUES ($1, $2, $3, $4, now() + ($5 || ' milliseconds')::interval)`,
      [stateHash, browserHash, codeVerifier, nonce, String(ttlMs)],
    );
  }

  /** Deleting is what makes a state single use: of two callbacks racing, only one gets the row. */
  async consume(stateHash: string): Promise<PendingLogin | null> {
    const [rows] = await this.dataSource.query(
      `DELETE FROM sso_logins WHERE state_hash = $1
       RETURNING browser_hash, code_verifier, nonce, expires_at < now() AS expired`,
      [stateHash],
    );
    const row = rows?.[0];
    if (!row) return null;
    return {
      browserHash: row.browser_hash,
      codeVerifier: row.code_verifier,
      nonce: row.nonce,
      expired: Boolean(row.expired),
    };
  }

  /** Expired rows stay a day, so a late callback is told "expired" rather than "unknown". */
  async purgeOld(): Promise<void> {
    await this.dataSource.query(`DELETE FROM sso_logins WHERE expires_at < now() - interval '1 day'`);
  }

  byUsername(tx: EntityManager, username: string): Promise<UserEntity | null> {
    return tx.getRepository(UserEntity).findOne({ where: { username }, lock: { mode: 'pessimistic_write' } });
  }

  department(id: string, tx: EntityManager): Promise<DepartmentEntity | null> {
    return tx.getRepository(DepartmentEntity).findOneBy({ id });
  }

  insert(tx: EntityManager, account: NewAccount): Promise<UserEntity> {
    return insertAccount(tx, account);
  }

  /** The role and department travel in every token, so a change revokes the tokens issued before. */
  async reassign(tx: EntityManager, id: string, role: UserEntity['role'], departmentId: string | null) {
    await tx
      .getRepository(UserEntity)
      .update(
        { id },
        { role, departmentId, updatedAt: () => 'now()', tokenVersion: () => 'token_version + 1' },
      );
    return tx.getRepository(UserEntity).findOneByOrFail({ id });
  }

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }
}
