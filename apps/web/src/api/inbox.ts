import { useCallback, useEffect, useState } from 'react';
import { get, post } from './client';

export interface Notice {
  id: string;
  projectId: string | null;
  departmentId: string;
  obligationKey: string | null;
  kind: string;
  audience: string;
  dueOn: string | null;
  writtenAt: string;
  message: string | undefined;
  read: boolean;
  superseded: boolean;
  supersededReason: string | null;
}

export interface InboxPage {
  page: number;
  pageSize: number;
  total: number;
  /** Unread notices over every page, not just this one. */
  unread: number;
  items: Notice[];
}

export const getInbox = (page = 1, pageSize = 20) => get<InboxPage>('/inbox', { page, pageSize });
export const markRead = (id: string) => post<void>(`/inbox/${encodeURIComponent(id)}/read`);

const listeners = new Set<() => void>();
/** Tells the header's badge to count again (after a notice was read). */
export function inboxChanged(): void {
  for (const listener of listeners) listener();
}

/** The unread count for the header badge, refreshed every minute and whenever the inbox changes. */
export function useUnreadCount(enabled: boolean): number {
  const [count, setCount] = useState(0);
  const refresh = useCallback(() => {
    if (!enabled) return;
    getInbox(1, 1).then(
      (page) => setCount(page.unread),
      () => undefined,
    );
  }, [enabled]);
  useEffect(() => {
    refresh();
    listeners.add(refresh);
    const timer = setInterval(refresh, 60_000);
    return () => {
      listeners.delete(refresh);
      clearInterval(timer);
    };
  }, [refresh]);
  return count;
}
