// One fast-check arbitrary of hostile requests per api endpoint: odd path parameters and query strings,
// any body in any content type, with no key, a read key, the write key or a wrong one.
import fc from 'fast-check';
import { TEST_KEYS } from '../support/http-client';
import { hostileEventsBody } from './hostile-events';
import { hostileJson, hostileString, jsonText, oddCharacter, PROTOTYPE_KEYS, wrongType } from './hostile-values'; // prettier-ignore
import { encodeComponent, type FuzzRequest } from './raw-http';

const keyHeaders: fc.Arbitrary<Record<string, string>> = fc.constantFrom<Record<string, string>>(
  {},
  { 'x-api-key': TEST_KEYS.read },
  { 'x-api-key': TEST_KEYS.write },
  { authorization: `Bearer ${TEST_KEYS.write}` },
  { 'x-api-key': 'not-a-key' },
  { authorization: 'Bearer' },
);

/** Strings that must reach the router un-encoded: malformed escapes, dot segments, encoded slashes. */
const rawSegment = fc.constantFrom(
  '%',
  '%zz',
  '%00',
  '%ED%A0%80',
  '%C0%AF',
  '..',
  '.',
  'a%2Fb',
  '%2e%2e',
);
/** A path parameter: usually a hostile string, percent-encoded; sometimes raw escapes. */
const pathParameter = fc.oneof(
  { weight: 5, arbitrary: hostileString.filter((s) => s.length > 0).map(encodeComponent) },
  { weight: 1, arbitrary: rawSegment },
);

const queryKey = fc.oneof(
  fc.constantFrom('limit', 'offset', 'category', 'exclude', 'excludeSeen', ...PROTOTYPE_KEYS, 'exclude[]'), // prettier-ignore
  hostileString,
);
const queryValue = fc.oneof(
  fc.constantFrom('0', '-1', '1', '10', '1e3', '1.5', 'NaN', 'Infinity', '', 'true', '99999999999999999999'), // prettier-ignore
  hostileString,
);
/** `?k=v&...`: chosen pairs (keys may repeat), sometimes with a raw malformed escape. */
const queryString: fc.Arbitrary<string> = fc
  .tuple(
    fc.array(fc.tuple(queryKey, queryValue), { maxLength: 4 }),
    fc.option(rawSegment, { freq: 6 }),
  )
  .map(([pairs, raw]) => {
    const parts = pairs.map(([k, v]) => `${encodeComponent(k)}=${encodeComponent(v)}`);
    if (raw !== null) parts.push(`exclude=${raw}`);
    return parts.length > 0 ? `?${parts.join('&')}` : '';
  });

const invalidUtf8 = fc.constantFrom(
  Buffer.from([0xff, 0xfe, 0x7b]),
  Buffer.from('{"eventId":"\u0000"}'),
  Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0xed, 0xa0, 0x80, 0x7d]),
  Buffer.from('{"a":'),
  Buffer.from('\u0000'),
  Buffer.from('{"__proto__":{"polluted":true}}'),
);
const contentType = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=latin1',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  '',
);
/** A body in some content type: JSON of `json`, raw bytes, or none at all. */
function bodyOf(json: fc.Arbitrary<unknown>) {
  return fc.oneof(
    { weight: 6, arbitrary: json.map((value) => ({ type: 'application/json', body: Buffer.from(jsonText(value)) })) }, // prettier-ignore
    { weight: 1, arbitrary: fc.tuple(contentType, json).map(([type, value]) => ({ type, body: Buffer.from(jsonText(value)) })) }, // prettier-ignore
    { weight: 1, arbitrary: fc.tuple(contentType, invalidUtf8).map(([type, body]) => ({ type, body })) }, // prettier-ignore
    { weight: 1, arbitrary: fc.constant({ type: '', body: undefined }) },
  );
}

interface Shape {
  endpoint: string;
  method: string;
  path: fc.Arbitrary<string>;
  body?: fc.Arbitrary<unknown>;
}

function request(shape: Shape): fc.Arbitrary<FuzzRequest> {
  const body = shape.body ? bodyOf(shape.body) : fc.constant({ type: '', body: undefined });
  return fc.tuple(shape.path, keyHeaders, body).map(([path, keys, sent]) => ({
    endpoint: shape.endpoint,
    method: shape.method,
    path,
    headers: { ...keys, ...(sent.type ? { 'content-type': sent.type } : {}) },
    body: sent.body,
  }));
}

/** A short string with one odd character at its end. */
const subtleString = fc
  .tuple(fc.string({ minLength: 1, maxLength: 6 }), oddCharacter)
  .map(([text, char]) => `${text}${char}`);
const sessionBody = fc.oneof(
  fc.record(
    {
      itemIds: fc.oneof(
        fc.array(fc.oneof(hostileString, subtleString), { maxLength: 6 }),
        wrongType,
      ),
      exclude: fc.oneof(fc.array(hostileString, { maxLength: 3 }), wrongType),
      limit: fc.oneof(fc.integer({ min: -5, max: 2000 }), wrongType),
      offset: fc.oneof(fc.integer({ min: -5, max: 100_000 }), wrongType),
      category: fc.oneof(hostileString, wrongType),
    },
    { requiredKeys: [] },
  ),
  hostileJson,
);
const itemBody = fc.oneof(
  fc.record({ category: subtleString, properties: fc.dictionary(subtleString, subtleString, { maxKeys: 2 }) }), // prettier-ignore
  fc.record(
    {
      category: fc.oneof(hostileString, wrongType),
      available: fc.oneof(fc.boolean(), wrongType),
      properties: fc.oneof(fc.dictionary(hostileString, hostileJson, { maxKeys: 4 }), wrongType),
    },
    { requiredKeys: [] },
  ),
  hostileJson,
);
const trainingJobBody = fc.oneof(
  fc.dictionary(
    fc.constantFrom('epochs', 'dim', 'margin', 'learningRate', 'seed', 'kind', ...PROTOTYPE_KEYS),
    fc.oneof(fc.integer({ min: -10, max: 1e9 }), fc.double(), wrongType, hostileString),
    { maxKeys: 3 },
  ),
  hostileJson,
);
const jobId = fc.oneof(fc.uuid(), pathParameter);

/** Every endpoint of the api, each with its own request arbitrary. */
export const ENDPOINT_REQUESTS: Record<string, fc.Arbitrary<FuzzRequest>> = {
  'GET /recommend/:userId': request({ endpoint: 'GET /recommend/:userId', method: 'GET', path: fc.tuple(pathParameter, queryString).map(([id, q]) => `/recommend/${id}${q}`) }), // prettier-ignore
  'POST /recommend': request({ endpoint: 'POST /recommend', method: 'POST', path: queryString.map((q) => `/recommend${q}`), body: sessionBody }), // prettier-ignore
  'POST /events': request({ endpoint: 'POST /events', method: 'POST', path: fc.constant('/events'), body: hostileEventsBody }), // prettier-ignore
  'PUT /items/:itemId': request({ endpoint: 'PUT /items/:itemId', method: 'PUT', path: pathParameter.map((id) => `/items/${id}`), body: itemBody }), // prettier-ignore
  'GET /items/:itemId': request({ endpoint: 'GET /items/:itemId', method: 'GET', path: pathParameter.map((id) => `/items/${id}`) }), // prettier-ignore
  'DELETE /items/:itemId': request({ endpoint: 'DELETE /items/:itemId', method: 'DELETE', path: pathParameter.map((id) => `/items/${id}`) }), // prettier-ignore
  'GET /items/:itemId/similar': request({ endpoint: 'GET /items/:itemId/similar', method: 'GET', path: fc.tuple(pathParameter, queryString).map(([id, q]) => `/items/${id}/similar${q}`) }), // prettier-ignore
  'POST /training-jobs': request({ endpoint: 'POST /training-jobs', method: 'POST', path: fc.constant('/training-jobs'), body: trainingJobBody }), // prettier-ignore
  'GET /training-jobs/:id': request({ endpoint: 'GET /training-jobs/:id', method: 'GET', path: jobId.map((id) => `/training-jobs/${id}`) }), // prettier-ignore
  'GET /training-jobs': request({ endpoint: 'GET /training-jobs', method: 'GET', path: queryString.map((q) => `/training-jobs${q}`) }), // prettier-ignore
  'DELETE /training-jobs/:id': request({ endpoint: 'DELETE /training-jobs/:id', method: 'DELETE', path: jobId.map((id) => `/training-jobs/${id}`) }), // prettier-ignore
  'GET /models': request({ endpoint: 'GET /models', method: 'GET', path: queryString.map((q) => `/models${q}`) }), // prettier-ignore
  'POST /models/:version/activate': request({ endpoint: 'POST /models/:version/activate', method: 'POST', path: pathParameter.map((v) => `/models/${v}/activate`), body: hostileJson }), // prettier-ignore
  'GET /health/*': request({ endpoint: 'GET /health/*', method: 'GET', path: fc.tuple(fc.constantFrom('live', 'ready', 'x'), queryString).map(([p, q]) => `/health/${p}${q}`) }), // prettier-ignore
};
