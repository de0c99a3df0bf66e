/** Calls to the Loket API: JSON in and out, errors as ApiError with the server's message in the UI language. */
import { currentLang } from '../i18n';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly body: Record<string, unknown>,
  ) {
    super(message);
  }
}

// The server refuses a change made with the session cookie unless this token rides along in the
// x-csrf-token header (src/server/plugins/csrf.ts). Fetched once, and again if signing in or out
// made it stale.
let csrfToken: Promise<string> | null = null;

function csrf(): Promise<string> {
  csrfToken ??= fetch('/api/auth/csrf', { credentials: 'same-origin', headers: { accept: 'application/json' } })
    .then((res) => (res.ok ? (res.json() as Promise<{ token: string }>) : { token: '' }))
    .then((data) => data.token)
    .catch(() => {
      csrfToken = null;
      return '';
    });
  return csrfToken;
}

async function request<T>(method: string, path: string, body?: unknown, retried = false): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: {
        accept: 'application/json',
        'accept-language': currentLang(),
        // a FormData body (files) sets its own multipart content type with its boundary
        ...(body !== undefined && !(body instanceof FormData) ? { 'content-type': 'application/json' } : {}),
        ...(method !== 'GET' ? { 'x-csrf-token': await csrf() } : {}),
      },
      ...(body !== undefined ? { body: body instanceof FormData ? body : JSON.stringify(body) } : {}),
    });
  } catch {
    throw new ApiError(
      0,
      'network',
      currentLang() === 'en' ? 'No connection to the server.' : 'Tidak ada koneksi ke server.',
      {},
    );
  }
  if (res.status === 204) return null as T;
  const data = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (res.status === 403 && data.error === 'csrf_invalid' && !retried) {
    csrfToken = null;
    return request<T>(method, path, body, true);
  }
  if (!res.ok) {
    throw new ApiError(res.status, String(data.error ?? 'error'), String(data.message ?? res.statusText), data);
  }
  return data as T;
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body),
  /** multipart/form-data, for a form with files (a complaint's photos) */
  postForm: <T>(path: string, form: FormData) => request<T>('POST', path, form),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, body),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, body),
  delete: <T>(path: string) => request<T>('DELETE', path),
};
