import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'departments' })
export class DepartmentEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  /** A deactivated department keeps its projects visible but gets no new projects or accounts. */
  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Column({ type: 'jsonb', default: () => "'[]'::jsonb" })
  contacts!: DepartmentContact[];

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}

/** A person the bureau calls about the department's projects. */
export interface DepartmentContact {
  name: string;
  phone?: string;
  email?: string;
  /** `head`: the department's head, whom escalations reach after N working days overdue. */
  role?: 'head';
}

/** A person who signs in: a department's staff, a bureau operator or an administrator. */
@Entity({ name: 'users' })
export class UserEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Column({ type: 'varchar', length: 64, unique: true })
  username!: string;

  @Column({ name: 'display_name', type: 'varchar', length: 200 })
  displayName!: string;

  /** scrypt$N$r$p$salt$hash */
  @Column({ name: 'password_hash', type: 'varchar', length: 200 })
  passwordHash!: string;

  @Column({ type: 'varchar', length: 16 })
  role!: 'department' | 'operator' | 'admin';

  @Column({ name: 'department_id', type: 'varchar', length: 64, nullable: true })
  departmentId!: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  email!: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  phone!: string | null;

  /** A disabled account cannot sign in; disabling it also moves the token version. */
  @Column({ type: 'boolean', default: false })
  disabled!: boolean;

  /** Set when someone else chose the password (a new account, a reset): only a password change is allowed. */
  @Column({ name: 'must_change_password', type: 'boolean', default: false })
  mustChangePassword!: boolean;

  /** Bureau operators may take one daily digest of escalations instead of a message each. */
  @Column({ name: 'daily_digest', type: 'boolean', default: false })
  dailyDigest!: boolean;

  /** Escalations reach this account as its department's head, or (bureau) as the leadership, after N / M working days. */
  @Column({ name: 'escalation_role', type: 'varchar', length: 16, nullable: true })
  escalationRole!: 'head' | 'leadership' | null;

  /** Failed sign-ins since the last success or lockout. */
  @Column({ name: 'failed_logins', type: 'int', default: 0 })
  failedLogins!: number;

  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true })
  lockedUntil!: Date | null;

  /** Carried in every token; moving it (logout, password change) revokes all tokens issued before. */
  @Column({ name: 'token_version', type: 'int', default: 0 })
  tokenVersion!: number;

  @Column({ name: 'password_changed_at', type: 'timestamptz', nullable: true })
  passwordChangedAt!: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}

/** A revocable token for a department's calendar feed (subscribed to from Outlook or a phone). */
@Entity({ name: 'feed_tokens' })
export class FeedTokenEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  token!: string;

  @Column({ name: 'department_id', type: 'varchar', length: 64 })
  departmentId!: string;

  @Column({ name: 'created_by', type: 'varchar', length: 64 })
  createdBy!: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
