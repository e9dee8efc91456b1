import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { UserEntity } from '../entities';

export type AccountRole = UserEntity['role'];

/** How a new username is written, for the API and the `admin` command alike. */
export const USERNAME = /^[a-z0-9][a-z0-9._-]{1,63}$/;

export interface NewAccount {
  username: string;
  displayName: string;
  role: AccountRole;
  departmentId: string | null;
  phone?: string | null;
  email?: string | null;
  passwordHash: string;
  /** False only for an account that signs in through single sign-on and has no password of its own. */
  mustChangePassword?: boolean;
}

/** What an administrator sees of an account: never its hash, counters or token version. */
export function accountView(u: UserEntity) {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    departmentId: u.departmentId,
    phone: u.phone,
    email: u.email,
    disabled: u.disabled,
    escalationRole: u.escalationRole ?? null,
    mustChangePassword: u.mustChangePassword,
    locked: !!u.lockedUntil && u.lockedUntil.getTime() > Date.now(),
    createdAt: u.createdAt,
  };
}
export type AccountView = ReturnType<typeof accountView>;

/**
 * Account administration shared by the API and the `admin` command, so both create and reset
 * accounts the same way. A password someone else chose must be changed at the first sign-in.
 */
export async function insertAccount(tx: EntityManager, input: NewAccount): Promise<UserEntity> {
  const id = `user-${randomUUID()}`;
  await tx.getRepository(UserEntity).insert({
    id,
    username: input.username,
    displayName: input.displayName,
    role: input.role,
    departmentId: input.departmentId,
    phone: input.phone ?? null,
    email: input.email ?? null,
    passwordHash: input.passwordHash,
    mustChangePassword: input.mustChangePassword ?? true,
  });
  return tx.getRepository(UserEntity).findOneByOrFail({ id });
}

export function accountByUsername(tx: EntityManager, username: string, lock = false) {
  return tx
    .getRepository(UserEntity)
    .findOne({ where: { username }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
}

/** A password set for the account by someone else: earlier tokens stop working and any lockout ends. */
export async function setTemporaryPassword(tx: EntityManager, id: string, passwordHash: string) {
  await tx.query(
    `UPDATE users SET password_hash = $2, must_change_password = true, token_version = token_version + 1,
            failed_logins = 0, locked_until = NULL, password_changed_at = now(), updated_at = now()
      WHERE id = $1`,
    [id, passwordHash],
  );
}

/** Locks every active administrator's row, so two concurrent demotions cannot both leave "one more". */
export async function activeAdminIds(tx: EntityManager): Promise<string[]> {
  const rows: { id: string }[] = await tx.query(
    `SELECT id FROM users WHERE role = 'admin' AND NOT disabled ORDER BY id FOR UPDATE`,
  );
  return rows.map((r) => r.id);
}
