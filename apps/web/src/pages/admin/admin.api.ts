import type {
  Account,
  AllowList,
  CalendarYears,
  Channels,
  ChannelsUpdate,
  Contact,
  DeadLetter,
  Department,
  ImportResult,
  Incident,
  Notice,
  NoticeLoaded,
  NoticePreview,
  OneTimePassword,
  Page,
  ProjectRow,
  Role,
} from './admin.types';

import { download as fetchDownload, get, patch, post, put, send } from '../../api/client';

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  if (method === 'GET') return get<T>(path);
  if (method === 'POST') return post<T>(path, body);
  if (method === 'PUT') return put<T>(path, body);
  return patch<T>(path, body);
}

async function upload<T>(path: string, form: FormData): Promise<T> {
  const res = await send(path, { method: 'POST', body: form });
  return (await res.json()) as T;
}

const download = (path: string, filename: string) => fetchDownload(path, {}, filename);

const query = (params: Record<string, string | number | undefined>): string => {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') search.set(k, String(v));
  const text = search.toString();
  return text ? `?${text}` : '';
};

export interface AccountInput {
  username?: string;
  displayName?: string;
  role?: Role;
  departmentId?: string | null;
  phone?: string | null;
  email?: string | null;
  disabled?: boolean;
}

export const adminApi = {
  departments: () => call<{ items: Department[] }>('GET', '/departments'),
  createDepartment: (body: { code: string; name: string; contacts: Contact[] }) =>
    call<Department>('POST', '/departments', body),
  updateDepartment: (code: string, body: { name?: string; contacts?: Contact[]; active?: boolean }) =>
    call<Department>('PATCH', `/departments/${encodeURIComponent(code)}`, body),

  users: () => call<{ items: Account[] }>('GET', '/users'),
  createUser: (body: AccountInput) => call<Account & OneTimePassword>('POST', '/users', body),
  updateUser: (username: string, body: AccountInput) =>
    call<Account>('PATCH', `/users/${encodeURIComponent(username)}`, body),
  resetPassword: (username: string) =>
    call<OneTimePassword>('POST', `/users/${encodeURIComponent(username)}/reset-password`),

  projects: (q: string, page: number, pageSize: number) =>
    call<Page<ProjectRow>>('GET', `/projects${query({ q, page, pageSize })}`),
  control: (
    id: string,
    act: 'pause' | 'resume' | 'terminate',
    body: { reason: string; effectiveOn?: string },
  ) => call<{ status: string }>('POST', `/projects/${id}/${act}`, body),

  calendarYears: () => call<CalendarYears>('GET', '/calendar/years'),
  previewNotice: (notice: Notice) =>
    call<NoticePreview>('PUT', `/calendar/years/${notice.year}?dryRun=true`, notice),
  loadNotice: (notice: Notice) => call<NoticeLoaded>('PUT', `/calendar/years/${notice.year}`, notice),

  importTemplate: () => download('/imports/template.xlsx', '项目导入模板.xlsx'),
  importFile: (file: File, dryRun: boolean) => {
    const form = new FormData();
    form.append('file', file);
    return upload<ImportResult>(`/imports${dryRun ? '?dryRun=true' : ''}`, form);
  },

  deadLetters: (page: number, pageSize: number) =>
    call<Page<DeadLetter>>('GET', `/notifications/dead-letters${query({ page, pageSize })}`),
  retryNotification: (id: string) =>
    call<{ requeued: number }>('POST', `/notifications/${encodeURIComponent(id)}/retry`),
  incidents: (page: number, pageSize: number) =>
    call<Page<Incident>>('GET', `/oversight/incidents${query({ page, pageSize })}`),
  retryIncident: (id: string) =>
    call<unknown>('POST', `/oversight/incidents/${encodeURIComponent(id)}/retry`),

  allowList: () => call<AllowList>('GET', '/admin/webhook-allowlist'),
  setAllowList: (entries: string[]) => call<AllowList>('PUT', '/admin/webhook-allowlist', { entries }),
  channels: (department: string) =>
    call<Channels>('GET', `/departments/${encodeURIComponent(department)}/channels`),
  setChannels: (department: string, body: ChannelsUpdate) =>
    call<Channels>('PUT', `/departments/${encodeURIComponent(department)}/channels`, body),
};
