import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager, FindOptionsWhere } from 'typeorm';
import { UserEntity } from '../../../db/entities';
import {
  accountByUsername,
  activeAdminIds,
  insertAccount,
  setTemporaryPassword,
  type NewAccount,
} from '../../../db/repositories/accounts.repository';

export type AccountChanges = Partial<
  Pick<
    UserEntity,
    'role' | 'departmentId' | 'displayName' | 'phone' | 'email' | 'disabled' | 'escalationRole'
  >
>;

/** Accounts as administrators manage them; the SQL shared with the `admin` command lives in db/. */
@Injectable()
export class UsersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  list(where: FindOptionsWhere<UserEntity>): Promise<UserEntity[]> {
    return this.dataSource.getRepository(UserEntity).find({ where, order: { username: 'ASC' } });
  }

  byUsername = (tx: EntityManager, username: string, lock = false) => accountByUsername(tx, username, lock);
  insert = (tx: EntityManager, input: NewAccount) => insertAccount(tx, input);
  setTemporaryPassword = (tx: EntityManager, id: string, hash: string) => setTemporaryPassword(tx, id, hash);
  activeAdminIds = (tx: EntityManager) => activeAdminIds(tx);

  /** `revoke` moves the token version: the role and department travel in every token. */
  async update(tx: EntityManager, id: string, changes: AccountChanges, revoke: boolean): Promise<void> {
    await tx.getRepository(UserEntity).update(
      { id },
      {
        ...changes,
        updatedAt: () => 'now()',
        ...(revoke ? { tokenVersion: () => 'token_version + 1' } : {}),
      },
    );
  }

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }
}
