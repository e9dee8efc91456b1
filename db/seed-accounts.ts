import type { DataSource } from 'typeorm';
import { DepartmentEntity, UserEntity } from './entities';
import { hashPassword } from './password';

export const DEMO_DEPARTMENTS = [
  { id: 'dept-a', name: '市数据局政务服务处' },
  { id: 'dept-b', name: '市自然资源和规划局信息中心' },
];

export const DEMO_USERS = [
  {
    id: 'user-admin',
    username: 'admin',
    displayName: '系统管理员',
    role: 'admin' as const,
    departmentId: null,
  },
  {
    id: 'user-operator',
    username: 'operator',
    displayName: '局监督员',
    role: 'operator' as const,
    departmentId: null,
  },
  {
    id: 'user-dept-a',
    username: 'dept-a',
    displayName: '政务服务处项目联络员',
    role: 'department' as const,
    departmentId: 'dept-a',
  },
  {
    id: 'user-dept-b',
    username: 'dept-b',
    displayName: '信息中心项目联络员',
    role: 'department' as const,
    departmentId: 'dept-b',
  },
];

/** The demo departments and accounts; running it again keeps them, resets their passwords and re-enables them. */
export async function seedAccounts(dataSource: DataSource, password: string): Promise<void> {
  await dataSource.getRepository(DepartmentEntity).upsert(
    DEMO_DEPARTMENTS.map((d) => ({ ...d, active: true })),
    ['id'],
  );
  const rows = await Promise.all(
    DEMO_USERS.map(async (u) => ({
      ...u,
      passwordHash: await hashPassword(password),
      failedLogins: 0,
      lockedUntil: null,
      disabled: false,
      mustChangePassword: false,
    })),
  );
  await dataSource.getRepository(UserEntity).upsert(rows, ['id']);
}
