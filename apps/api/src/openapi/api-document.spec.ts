// The OpenAPI document against the api itself (in-memory ports, app.inject): every route the api serves
// is documented and nothing else is; the document and its page are served without a key; every example and
// every answer of a tour of the api is what the document says (the e2e suite does the same on real services).
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import type { oas31 } from 'zod-openapi';
import { OpenApiContract, type ObservedAnswer } from '../../../../test/support/openapi-contract';
import { startInMemoryApi, TEST_WRITE_KEY } from '../http/testing/in-memory-api';
import { apiDocument } from './api-document';

type Api = Awaited<ReturnType<typeof startInMemoryApi>>;
type Json = Record<string, unknown>;

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

describe('the OpenAPI document', () => {
  let api: Api;
  const servedRoutes: string[] = [];
  let document: oas31.OpenAPIObject;
  let contract: OpenApiContract;

  beforeAll(async () => {
    api = await startInMemoryApi({
      beforeInit: (app: NestFastifyApplication) => {
        const fastify: FastifyInstance = app.getHttpAdapter().getInstance();
        fastify.addHook('onRoute', (route) => {
          for (const method of [route.method].flat()) {
            if (method !== 'HEAD') servedRoutes.push(`${method} ${route.url.replace(/:(\w+)/g, '{$1}')}`); // prettier-ignore
          }
        });
      },
    });
    document = apiDocument(api.settings);
    contract = new OpenApiContract(document as unknown as Json);
  });
  afterAll(() => api.close());

  const documented = () =>
    Object.entries(document.paths as Json).flatMap(([path, item]) =>
      METHODS.filter((m) => (item as Json)[m]).map((m) => `${m.toUpperCase()} ${path}`),
    );

  it('documents every route the api serves, and nothing more', () => {
    // Swagger UI's own files and its copy of the document belong to the /docs page.
    const pageFiles = servedRoutes.filter((route) => route.startsWith('GET /docs/'));
    expect(pageFiles).toContain('GET /docs/static/*');
    const routes = new Set(servedRoutes.filter((route) => !pageFiles.includes(route)));
    expect(routes.size).toBeGreaterThanOrEqual(15);
    expect(documented().sort()).toEqual([...routes].sort());
  });

  it('is OpenAPI 3.1 with the key schemes, and marks public and write operations', () => {
    expect(document.openapi).toBe('3.1.0');
    const operation = (path: string, method: 'get' | 'post') => document.paths![path][method]!;
    expect(Object.keys(document.components!.securitySchemes!)).toEqual(['apiKey', 'bearerKey']);
    expect(operation('/health/live', 'get').security).toEqual([]);
    expect(operation('/events', 'post').security).toEqual([
      { apiKey: ['write'] },
      { bearerKey: ['write'] },
    ]);
    expect(Object.keys(operation('/events', 'post').responses!)).toEqual([
      '202',
      '400',
      '401',
      '403',
      '413',
      '415',
      '429',
      '500',
      '503',
    ]);
    const parameters = operation('/recommend/{userId}', 'get')
      .parameters as oas31.ParameterObject[];
    expect(parameters.map((p) => p.name)).toEqual([
      'userId',
      'limit',
      'offset',
      'category',
      'exclude',
      'excludeSeen',
    ]);
  });

  it('serves the document at /openapi.json and Swagger UI at /docs without a key, from the package', async () => {
    const served = await api.app.inject({ method: 'GET', url: '/openapi.json' });
    expect(served.statusCode).toBe(200);
    expect(served.json()).toEqual(JSON.parse(JSON.stringify(document)));
    const page = await api.app.inject({ method: 'GET', url: '/docs' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.body).toContain('swagger-ui');
    expect(page.body).not.toMatch(/(src|href)="https?:/);
    const bundle = await api.app.inject({
      method: 'GET',
      url: '/docs/static/swagger-ui-bundle.js',
    });
    expect(bundle.statusCode).toBe(200);
    expect(bundle.body.length).toBeGreaterThan(100_000);
  });

  it('has examples that its own schemas accept', () => {
    let checked = 0;
    for (const [path, item] of Object.entries(document.paths!)) {
      for (const method of METHODS.filter((m) => item[m as 'get'])) {
        const responses = item[method as 'get']!.responses as Record<string, oas31.ResponseObject>;
        for (const [status, response] of Object.entries(responses)) {
          const media = response.content?.['application/json'];
          if (media?.example === undefined) continue;
          const answer = observed(
            method,
            path.replace(/\{\w+\}/g, 'x'),
            Number(status),
            media.example,
          );
          expect(contract.violations(answer)).toEqual([]);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(60);
  });

  it('fails an answer it does not describe: extra field, wrong type, status, route, header, content type', () => {
    const item = { itemId: 'a', category: null, available: true, properties: {}, revision: 1, updatedAt: '2026-12-01T00:00:00Z', deleted: false }; // prettier-ignore
    expect(contract.violations(observed('get', '/items/a', 200, item))).toEqual([]);
    const cases: [ObservedAnswer, RegExp][] = [
      [
        observed('get', '/items/a', 200, { ...item, extra: 1 }),
        /must NOT have additional properties/,
      ],
      [observed('get', '/items/a', 200, { ...item, revision: '1' }), /revision must be integer/],
      [
        observed('get', '/items/a', 409, { statusCode: 409, error: 'X', message: 'm' }),
        /status not documented/,
      ],
      [observed('get', '/nowhere', 404, {}), /no documented route/],
      [observed('patch', '/items/a', 404, {}), /documents no PATCH/],
      [{ ...observed('get', '/items/a', 429, { statusCode: 429, error: 'RATE_LIMITED', message: 'm' }), header: () => null }, /required header retry-after is missing/], // prettier-ignore
      [{ ...observed('get', '/items/a', 200, item), contentType: 'text/plain' }, /content type text\/plain not among/], // prettier-ignore
      [
        observed('delete', '/items/a', 204, { not: 'empty' }),
        /a body where the document declares none/,
      ],
    ];
    for (const [answer, problem] of cases) {
      expect(contract.violations(answer).join('\n')).toMatch(problem);
    }
  });

  it('describes every answer of a tour of the api, errors included', async () => {
    const key = { 'x-api-key': TEST_WRITE_KEY };
    const json = { ...key, 'content-type': 'application/json' };
    const event = { eventId: 'e1', userId: 'u1', itemId: 'i1', type: 'click', timestamp: '2026-12-01T00:00:00Z' }; // prettier-ignore
    const tour: {
      method: 'GET' | 'PUT' | 'POST' | 'DELETE';
      url: string;
      headers?: Record<string, string>;
      payload?: string;
      status: number;
    }[] = [
      // prettier-ignore
      { method: 'GET', url: '/health/live', status: 200 },
      { method: 'GET', url: '/health/ready', status: 200 },
      {
        method: 'POST',
        url: '/events',
        headers: json,
        payload: JSON.stringify([event]),
        status: 202,
      },
      { method: 'POST', url: '/events', headers: json, payload: JSON.stringify([{ ...event, type: 'x' }]), status: 400 }, // prettier-ignore
      { method: 'POST', url: '/events', headers: { ...key, 'content-type': 'text/plain' }, payload: 'x', status: 415 }, // prettier-ignore
      { method: 'POST', url: '/events', headers: json, payload: '{', status: 400 },
      { method: 'POST', url: '/events', status: 401 },
      { method: 'PUT', url: '/items/i1', headers: json, payload: JSON.stringify({ category: 'c' }), status: 200 }, // prettier-ignore
      { method: 'GET', url: '/items/i1', headers: key, status: 200 },
      { method: 'GET', url: '/items/nope', headers: key, status: 404 },
      { method: 'GET', url: '/items/a%00b', headers: key, status: 400 },
      { method: 'DELETE', url: '/items/i1', headers: key, status: 204 },
      { method: 'POST', url: '/training-jobs', headers: key, status: 201 },
      {
        method: 'POST',
        url: '/training-jobs',
        headers: json,
        payload: '{"epochs":-1}',
        status: 400,
      },
      { method: 'GET', url: '/training-jobs/nope', headers: key, status: 404 },
      { method: 'GET', url: '/models', headers: key, status: 200 },
      { method: 'POST', url: '/models/v9/activate', headers: key, status: 404 },
      { method: 'GET', url: '/recommend/u1', headers: key, status: 503 },
      { method: 'GET', url: '/recommend/u1?limit=0', headers: key, status: 400 },
      { method: 'GET', url: '/items/i1/similar', headers: key, status: 503 },
      { method: 'GET', url: '/openapi.json', status: 200 },
    ];
    for (const step of tour) {
      const answer = await api.app.inject(step);
      expect(`${step.method} ${step.url} ${answer.statusCode}`).toBe(`${step.method} ${step.url} ${step.status}`); // prettier-ignore
      const violations = contract.violations({
        method: step.method,
        path: step.url,
        status: answer.statusCode,
        contentType: (answer.headers['content-type'] as string | undefined) ?? null,
        header: (name) => (answer.headers[name] as string | undefined) ?? null,
        body: answer.body ? JSON.parse(answer.body) : null,
        empty: answer.body.length === 0,
      });
      expect(violations).toEqual([]);
    }
  });
});

function observed(method: string, path: string, status: number, body: unknown): ObservedAnswer {
  return {
    method: method.toUpperCase(),
    path,
    status,
    contentType: 'application/json; charset=utf-8',
    header: () => '1',
    body,
    empty: false,
  };
}
