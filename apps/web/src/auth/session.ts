/** The signed-in user, kept in sessionStorage: closing the tab signs out, and no other tab sees it. */
export type Role = 'admin' | 'operator' | 'department';

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  departmentId: string | null;
  /** Absent in a session kept from before the API sent it. */
  departmentName?: string | null;
}

export interface Session {
  accessToken: string;
  user: SessionUser;
  mustChangePassword?: boolean;
}

const KEY = 'deadline-keeper.session';
const listeners = new Set<() => void>();

export function getSession(): Session | null {
  const raw = sessionStorage.getItem(KEY);
  if (!raw) return null;
  try {
    return JSON.parse(raw) as Session;
  } catch {
    return null;
  }
}

export function setSession(session: Session | null): void {
  if (session) sessionStorage.setItem(KEY, JSON.stringify(session));
  else sessionStorage.removeItem(KEY);
  for (const listener of listeners) listener();
}

export function onSessionChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export const ROLE_LABELS: Record<Role, string> = {
  admin: '系统管理员',
  operator: '局监督员',
  department: '部门联络员',
};

export const isBureau = (user: SessionUser | undefined | null): boolean =>
  user?.role === 'admin' || user?.role === 'operator';
