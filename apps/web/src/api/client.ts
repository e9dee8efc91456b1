import { withFieldLabels } from './field-labels';
import { getSession, setSession } from '../auth/session';

/** An API error as the person should read it: the problem's Chinese title and detail. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string | undefined,
    readonly problem: Record<string, unknown> = {},
  ) {
    super(detail ? `${title}：${detail}` : title);
  }
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

const BASE = '/api/v1';

/** Where a 401 sends the person: the sign-in page, remembering where they were. */
function signedOut(): void {
  setSession(null);
  if (!location.pathname.startsWith('/sign-in')) {
    const back = encodeURIComponent(location.pathname + location.search);
    location.assign(`/sign-in?next=${back}`);
  }
}

async function problemOf(res: Response): Promise<ApiError> {
  let body: Record<string, unknown> = {};
  try {
    body = (await res.json()) as Record<string, unknown>;
  } catch {
    // Not JSON (a proxy's page): the status alone is still worth showing.
  }
  const title = typeof body.title === 'string' ? body.title : `请求失败（HTTP ${res.status}）`;
  const detail = typeof body.detail === 'string' ? withFieldLabels(body.detail) : undefined;
  return new ApiError(res.status, title, detail, body);
}

export async function send(path: string, init: RequestInit = {}): Promise<Response> {
  const session = getSession();
  const headers = new Headers(init.headers);
  headers.set('Accept-Language', 'zh-CN');
  if (!headers.has('Accept')) headers.set('Accept', 'application/json');
  if (session) headers.set('Authorization', `Bearer ${session.accessToken}`);
  if (init.body && typeof init.body === 'string') headers.set('Content-Type', 'application/json');
  const res = await fetch(`${BASE}${path}`, { ...init, headers });
  if (res.status === 401 && session && !path.startsWith('/auth/login')) signedOut();
  if (!res.ok) throw await problemOf(res);
  return res;
}

export async function get<T>(path: string, query?: Query): Promise<T> {
  const res = await send(withQuery(path, query));
  return (await res.json()) as T;
}

export async function post<T>(path: string, body?: unknown): Promise<T> {
  const res = await send(path, { method: 'POST', body: JSON.stringify(body ?? {}) });
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

export async function put<T>(path: string, body: unknown): Promise<T> {
  const res = await send(path, { method: 'PUT', body: JSON.stringify(body) });
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

export async function patch<T>(path: string, body: unknown): Promise<T> {
  const res = await send(path, { method: 'PATCH', body: JSON.stringify(body) });
  return (await res.json()) as T;
}

/** Downloads a file the API answers (an export): the bearer token rides along, so no plain link works. */
export async function download(path: string, query: Query = {}, fallbackName = 'export'): Promise<string> {
  const res = await send(withQuery(path, query), { headers: { Accept: '*/*' } });
  const disposition = res.headers.get('Content-Disposition') ?? '';
  const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition);
  const name = match?.[1] ? decodeURIComponent(match[1]) : fallbackName;
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}

/** The message a person reads for any error thrown by a call. */
export function errorText(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return `无法连接服务：${error.message}`;
  return '发生未知错误';
}
