/** A JSON answer: status and parsed body. */
export interface JsonResponse<T = unknown> {
  status: number;
  body: T;
}

/** Minimal JSON-over-HTTP client for the e2e tests (Node's fetch). */
export async function requestJson<T = unknown>(
  url: string,
  init: { method?: string; body?: unknown } = {},
): Promise<JsonResponse<T>> {
  const response = await fetch(url, {
    method: init.method ?? 'GET',
    headers: init.body === undefined ? {} : { 'content-type': 'application/json' },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
}
