/**
 * The one way the web app talks to the API: same-origin fetch with the session cookie, the UI
 * language in `Accept-Language`, the CSRF token on writes, and error bodies turned into ApiError.
 */
import { translate, type Lang } from './i18n/messages';

export interface FieldError {
  path: string;
  rule: string;
  message: string;
}

interface ErrorBody {
  code: string;
  message: string;
  fields?: FieldError[];
  requestId?: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: FieldError[];
  readonly requestId: string | undefined;

  constructor(status: number, body: ErrorBody) {
    super(body.message);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code;
    this.fields = body.fields ?? [];
    this.requestId = body.requestId;
  }
}

export type QueryValue = string | number | boolean | null | undefined;
export type Query = Record<string, QueryValue>;

interface ClientState {
  lang: Lang;
  csrfToken: string | null;
  onUnauthorized: (() => void) | null;
}

const state: ClientState = { lang: 'zh', csrfToken: null, onUnauthorized: null };

export function setApiLanguage(lang: Lang): void {
  state.lang = lang;
}

/** The token lives in memory only; GET /api/me returns it again after a reload. */
export function setCsrfToken(token: string | null): void {
  state.csrfToken = token;
}

export function setUnauthorizedHandler(handler: (() => void) | null): void {
  state.onUnauthorized = handler;
}

export function acceptLanguage(lang: Lang): string {
  return lang === 'zh' ? 'zh-CN,zh;q=0.9' : 'en,en-US;q=0.9';
}

export function buildUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.code === 'string' && typeof v.message === 'string';
}

async function toApiError(res: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    body = null;
  }
  if (isErrorBody(body)) return new ApiError(res.status, body);
  return new ApiError(res.status, {
    code: `http_${res.status}`,
    message: translate(state.lang, res.status >= 500 ? 'error.server' : 'error.unexpected'),
  });
}

const LOGIN_PATH = '/api/auth/login';

/** Sends a request and returns the raw Response when it succeeded; throws ApiError otherwise. */
export async function send(
  method: string,
  path: string,
  options: { query?: Query; body?: unknown; signal?: AbortSignal; headers?: Record<string, string> } = {},
): Promise<Response> {
  const headers: Record<string, string> = {
    ...options.headers,
    Accept: 'application/json',
    'Accept-Language': acceptLanguage(state.lang),
  };
  const isWrite = method !== 'GET' && method !== 'HEAD';
  if (isWrite && state.csrfToken) headers['x-csrf-token'] = state.csrfToken;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';

  let res: Response;
  try {
    res = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? null : JSON.stringify(options.body),
      signal: options.signal ?? null,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, { code: 'network', message: translate(state.lang, 'error.network') });
  }
  if (res.ok) return res;
  const error = await toApiError(res);
  // A 401 anywhere but at the login form means the session is gone: back to the login page.
  if (res.status === 401 && path !== LOGIN_PATH) state.onUnauthorized?.();
  throw error;
}

async function request<T>(
  method: string,
  path: string,
  options: { query?: Query; body?: unknown; signal?: AbortSignal; headers?: Record<string, string> } = {},
): Promise<T> {
  const res = await send(method, path, options);
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Sends a multipart form (a file upload with its fields); the browser sets the boundary. */
async function upload<T>(path: string, fields: Record<string, string>, file: Blob, fileName: string): Promise<T> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append('file', file, fileName);
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': acceptLanguage(state.lang) };
  if (state.csrfToken) headers['x-csrf-token'] = state.csrfToken;
  let res: Response;
  try {
    res = await fetch(buildUrl(path), { method: 'POST', headers, credentials: 'same-origin', body: form });
  } catch {
    throw new ApiError(0, { code: 'network', message: translate(state.lang, 'error.network') });
  }
  if (!res.ok) {
    const error = await toApiError(res);
    if (res.status === 401) state.onUnauthorized?.();
    throw error;
  }
  return (await res.json()) as T;
}

export const api = {
  upload,
  get: <T>(path: string, query?: Query, signal?: AbortSignal): Promise<T> =>
    request<T>('GET', path, { ...(query ? { query } : {}), ...(signal ? { signal } : {}) }),
  /** `headers`: extra request headers such as `Idempotency-Key`; the client's own headers win. */
  post: <T = void>(path: string, body?: unknown, headers?: Record<string, string>): Promise<T> =>
    request<T>('POST', path, { body, ...(headers ? { headers } : {}) }),
  patch: <T = void>(path: string, body: unknown): Promise<T> => request<T>('PATCH', path, { body }),
  put: <T = void>(path: string, body: unknown): Promise<T> => request<T>('PUT', path, { body }),
  del: <T = void>(path: string): Promise<T> => request<T>('DELETE', path),
};

function filenameFrom(res: Response, fallback: string): string {
  const header = res.headers.get('Content-Disposition') ?? '';
  const star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      // fall through to the plain form
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(header);
  return plain?.[1]?.trim() ?? fallback;
}

/** Downloads a file (an Excel export) through fetch so errors surface as ApiError, not a broken tab. */
export async function downloadFile(path: string, query: Query, fallbackName: string): Promise<void> {
  const res = await send('GET', path, { query });
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filenameFrom(res, fallbackName);
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
