import { expectDocumented } from './response-contract';

/** A JSON answer: status, parsed body and headers. */
export interface JsonResponse<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

/** Minimal JSON-over-HTTP client for the e2e tests (Node's fetch); every answer must match the api's OpenAPI document. */
export async function requestJson<T = unknown>(
  url: string,
  init: { method?: string; body?: unknown; apiKey?: string } = {},
): Promise<JsonResponse<T>> {
  const headers: Record<string, string> = {};
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (init.apiKey !== undefined) headers['x-api-key'] = init.apiKey;
  const response = await fetch(url, {
    method: init.method ?? 'GET',
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await response.text();
  const body = (text ? JSON.parse(text) : null) as T;
  await expectDocumented(url, {
    method: init.method ?? 'GET',
    status: response.status,
    contentType: response.headers.get('content-type'),
    header: (name) => response.headers.get(name),
    body,
    empty: text.length === 0,
  });
  return { status: response.status, body, headers: response.headers };
}

/** Test API keys, passed to the api as API_READ_KEYS / API_WRITE_KEYS. */
export const TEST_KEYS = { read: 'e2e-read-key', write: 'e2e-write-key' } as const;

/** A client bound to one api and one key. */
export function apiClient(baseUrl: string, apiKey: string = TEST_KEYS.write) {
  return {
    get: <T>(path: string) => requestJson<T>(`${baseUrl}${path}`, { apiKey }),
    post: <T>(path: string, body: unknown) =>
      requestJson<T>(`${baseUrl}${path}`, { method: 'POST', body, apiKey }),
    put: <T>(path: string, body: unknown) =>
      requestJson<T>(`${baseUrl}${path}`, { method: 'PUT', body, apiKey }),
    delete: <T>(path: string) => requestJson<T>(`${baseUrl}${path}`, { method: 'DELETE', apiKey }),
  };
}
