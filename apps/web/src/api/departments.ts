import { useEffect, useState } from 'react';
import { get } from './client';

export interface Department {
  code: string;
  name: string;
  active: boolean;
}

let cache: Promise<Department[]> | null = null;

/** The departments the caller may see (a department only itself), fetched once per page load. */
export function loadDepartments(): Promise<Department[]> {
  cache ??= get<{ items: Department[] }>('/departments')
    .then((body) => body.items)
    .catch((error: unknown) => {
      cache = null;
      throw error;
    });
  return cache;
}

/** Forgets the cached list, after an administrator changed a department. */
export function refreshDepartments(): void {
  cache = null;
}

export function useDepartments(): Department[] {
  const [departments, setDepartments] = useState<Department[]>([]);
  useEffect(() => {
    loadDepartments().then(setDepartments, () => setDepartments([]));
  }, []);
  return departments;
}
