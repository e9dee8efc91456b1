import { useSyncExternalStore } from 'react';
import { getSession, onSessionChange, type Session } from './session';

let cached: { raw: string | null; value: Session | null } = { raw: null, value: null };

function snapshot(): Session | null {
  const raw = sessionStorage.getItem('deadline-keeper.session');
  // useSyncExternalStore needs the same object while nothing changed.
  if (raw !== cached.raw) cached = { raw, value: getSession() };
  return cached.value;
}

export function useSession(): Session | null {
  return useSyncExternalStore(onSessionChange, snapshot);
}
