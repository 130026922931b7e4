import type { Keys } from './session.js';

/** An error answer of the api: its status and the code and message of its JSON body. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Calls the api that serves this page with the operator's key (the write key where one is needed). */
export class ApiClient {
  constructor(readonly keys: Keys) {}

  get canWrite(): boolean {
    return this.keys.write !== null;
  }

  get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path, this.keys.read);
  }

  /** Sends with the write key; rejects at once when the operator gave none. */
  post<T>(path: string, body?: unknown): Promise<T> {
    if (this.keys.write === null)
      return Promise.reject(new ApiError(0, 'NO_WRITE_KEY', 'log in with a write key'));
    return this.request<T>('POST', path, this.keys.write, body);
  }

  private async request<T>(method: string, path: string, key: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { 'x-api-key': key, accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
    });
    const text = await response.text();
    const parsed: unknown = text ? JSON.parse(text) : null;
    if (!response.ok) {
      const error = (parsed ?? {}) as { code?: string; message?: string };
      throw new ApiError(
        response.status,
        error.code ?? String(response.status),
        error.message ?? response.statusText,
      );
    }
    return parsed as T;
  }
}
