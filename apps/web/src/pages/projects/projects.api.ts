import type {
  AuditItem,
  Department,
  FactInput,
  Page,
  Policy,
  ProjectDetail,
  ProjectSummary,
} from './projects.types';

import { download, get, post, send } from '../../api/client';

/** A POST that carries an Idempotency-Key, so a retry after a lost answer changes nothing twice. */
async function postOnce<T>(path: string, body: unknown, key: string): Promise<T> {
  const res = await send(path, {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'Idempotency-Key': key },
  });
  return (await res.json()) as T;
}

export interface ProjectFilters {
  department?: string;
  policy?: string;
  status?: string;
  q?: string;
}

export const projectsApi = {
  list: (filters: ProjectFilters, page: number, pageSize: number) =>
    get<Page<ProjectSummary>>('/projects', { ...filters, page, pageSize }),
  exportFile: (filters: ProjectFilters, format: 'xlsx' | 'csv') =>
    download(`/projects/export.${format}`, { ...filters }, `projects.${format}`),
  policies: () => get<Policy[]>('/policies'),
  departments: () => get<{ items: Department[] }>('/departments'),
  register: (body: Record<string, unknown>, idempotencyKey: string) =>
    postOnce<ProjectDetail>('/projects', body, idempotencyKey),
  detail: (id: string) => get<ProjectDetail>(`/projects/${id}`),
  audit: (id: string, page: number, pageSize: number) =>
    get<Page<AuditItem>>(`/projects/${id}/audit`, { page, pageSize }),
  recordFact: (id: string, fact: FactInput, idempotencyKey: string) =>
    postOnce<{ factIndex: number }>(`/projects/${id}/events`, fact, idempotencyKey),
  requestChange: (
    id: string,
    change: {
      on: string;
      amount: number;
      newTotal: number;
      brandChange?: boolean;
      goalsChanged?: boolean;
      reason?: string;
    },
    idempotencyKey: string,
  ) =>
    postOnce<{ factIndex: number; path: string; basis: string; basisText: string; reason: string }>(
      `/projects/${id}/changes`,
      change,
      idempotencyKey,
    ),
  requestCorrection: (
    id: string,
    factIndex: number,
    body: { kind: 'date' | 'withdraw'; on?: string; reason: string },
  ) => post<{ id: string; status: string }>(`/projects/${id}/facts/${factIndex}/corrections`, body),
  createFeed: (departmentId?: string) =>
    post<{ token: string; departmentId: string; path: string }>(
      '/calendar/feeds',
      departmentId ? { departmentId } : {},
    ),
};
