import type {
  AuditItem,
  Department,
  FactInput,
  Page,
  Policy,
  ProjectDetail,
  ProjectSummary,
} from './projects.types';

// TODO(web-core): replace with the console's api client.
declare function call<T>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<T>;
declare function download(path: string, filename: string): Promise<void>;

export interface ProjectFilters {
  department?: string;
  policy?: string;
  status?: string;
  q?: string;
}

const query = (params: Record<string, string | number | undefined>): string => {
  const entries = Object.entries(params).filter(([, v]) => v !== undefined && v !== '');
  return entries.length ? `?${new URLSearchParams(entries.map(([k, v]) => [k, String(v)])).toString()}` : '';
};

export const projectsApi = {
  list: (filters: ProjectFilters, page: number, pageSize: number) =>
    call<Page<ProjectSummary>>('GET', `/projects${query({ ...filters, page, pageSize })}`),
  exportFile: (filters: ProjectFilters, format: 'xlsx' | 'csv') =>
    download(`/projects/export.${format}${query({ ...filters })}`, `项目清单.${format}`),
  policies: () => call<Policy[]>('GET', '/policies'),
  departments: () => call<{ items: Department[] }>('GET', '/departments'),
  register: (body: Record<string, unknown>, idempotencyKey: string) =>
    call<ProjectDetail>('POST', '/projects', body, { 'Idempotency-Key': idempotencyKey }),
  detail: (id: string) => call<ProjectDetail>('GET', `/projects/${id}`),
  audit: (id: string, page: number, pageSize: number) =>
    call<Page<AuditItem>>('GET', `/projects/${id}/audit${query({ page, pageSize })}`),
  recordFact: (id: string, fact: FactInput, idempotencyKey: string) =>
    call<{ factIndex: number }>('POST', `/projects/${id}/events`, fact, { 'Idempotency-Key': idempotencyKey }),
  requestChange: (
    id: string,
    change: { on: string; amount: number; newTotal: number; brandChange?: boolean; goalsChanged?: boolean; reason?: string },
    idempotencyKey: string,
  ) =>
    call<{ factIndex: number; path: string; basis: string; reason: string }>(
      'POST',
      `/projects/${id}/changes`,
      change,
      { 'Idempotency-Key': idempotencyKey },
    ),
  requestCorrection: (id: string, factIndex: number, body: { kind: 'date' | 'withdraw'; on?: string; reason: string }) =>
    call<{ id: string; status: string }>('POST', `/projects/${id}/facts/${factIndex}/corrections`, body),
  createFeed: (departmentId?: string) =>
    call<{ token: string; departmentId: string; path: string }>(
      'POST',
      '/calendar/feeds',
      departmentId ? { departmentId } : {},
    ),
};
