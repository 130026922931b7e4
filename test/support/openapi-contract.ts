// Checks an HTTP answer against the api's OpenAPI 3.1 document (ajv, JSON Schema 2020-12): its route and
// method, status, content type, required headers and, for JSON, its body. The e2e suite's HTTP clients run
// every answer through it (test/e2e/support/response-contract.ts), so the document cannot drift from the
// code: an undocumented route, method or status, or a body its schema does not allow, fails the test.
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

type Json = Record<string, unknown>;

const COMPONENTS_ID = 'urn:openapi:components';

/** One answer as a client saw it; `path` as sent (still percent-encoded), `body` parsed when JSON. */
export interface ObservedAnswer {
  method: string;
  path: string;
  status: number;
  contentType: string | null;
  header: (name: string) => string | null;
  body: unknown;
  /** True when the answer had no body at all. */
  empty: boolean;
}

interface Route {
  template: string;
  pattern: RegExp;
  staticSegments: number;
  operations: Json;
}

/** An api's OpenAPI document, compiled for checking answers. */
export class OpenApiContract {
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true });
  private readonly routes: Route[];
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(private readonly document: Json) {
    addFormats(this.ajv);
    // The component schemas, compiled once as one schema of their own that answers' schemas refer to.
    const schemas = ((document.components as Json)?.schemas ?? {}) as Json;
    this.ajv.addSchema({ $id: COMPONENTS_ID, $defs: componentRefs(schemas) });
    this.routes = Object.entries(document.paths as Json).map(([template, operations]) => ({
      template,
      pattern: new RegExp(`^${template.replace(/\{[^/}]+\}/g, '[^/]+')}$`),
      staticSegments: template.split('/').filter((s) => s && !s.startsWith('{')).length,
      operations: operations as Json,
    }));
  }

  /** What in `answer` the document does not describe; empty when it describes all of it. */
  violations(answer: ObservedAnswer): string[] {
    const what = `${answer.method} ${answer.path} -> ${answer.status}`;
    const route = this.routeOf(answer.path.split('?')[0]);
    if (!route) return [`${what}: no documented route matches the path`];
    const operation = route.operations[answer.method.toLowerCase()] as Json | undefined;
    if (!operation) return [`${what}: ${route.template} documents no ${answer.method}`];
    const responses = operation.responses as Json;
    const documented = (responses[String(answer.status)] ??
      responses[`${String(answer.status)[0]}XX`] ??
      responses.default) as Json | undefined;
    if (!documented)
      return [`${what}: status not documented for ${answer.method} ${route.template}`];
    const response = this.resolve(documented);
    const key = `${answer.method} ${route.template} ${answer.status}`;
    return [...this.headerViolations(what, response, answer), ...this.bodyViolations(what, key, response, answer)]; // prettier-ignore
  }

  private routeOf(path: string): Route | undefined {
    return this.routes
      .filter((route) => route.pattern.test(path))
      .sort((a, b) => b.staticSegments - a.staticSegments)[0];
  }

  private headerViolations(what: string, response: Json, answer: ObservedAnswer): string[] {
    return Object.entries((response.headers ?? {}) as Record<string, Json>)
      .filter(
        ([name, header]) => this.resolve(header).required === true && answer.header(name) === null,
      )
      .map(([name]) => `${what}: required header ${name} is missing`);
  }

  private bodyViolations(
    what: string,
    key: string,
    response: Json,
    answer: ObservedAnswer,
  ): string[] {
    const content = response.content as Record<string, Json> | undefined;
    if (!content) return answer.empty ? [] : [`${what}: a body where the document declares none`];
    if (answer.empty) return [`${what}: no body where the document declares ${Object.keys(content).join(', ')}`]; // prettier-ignore
    const mediaType = (answer.contentType ?? '').split(';')[0].trim().toLowerCase();
    const declared = content[mediaType];
    if (!declared) return [`${what}: content type ${mediaType || '(none)'} not among ${Object.keys(content).join(', ')}`]; // prettier-ignore
    if (!isJson(mediaType) || !declared.schema) return [];
    const validate = this.validatorFor(`${key} ${mediaType}`, declared.schema as Json);
    if (validate(answer.body)) return [];
    return (validate.errors ?? []).map(
      (error) =>
        `${what}: body${error.instancePath} ${error.message} ${JSON.stringify(error.params)}`,
    );
  }

  private validatorFor(key: string, schema: Json): ValidateFunction {
    let validate = this.validators.get(key);
    if (!validate) {
      validate = this.ajv.compile(componentRefs(schema));
      this.validators.set(key, validate);
    }
    return validate;
  }

  // A `$ref` to components/responses or components/headers, followed.
  private resolve(object: Json): Json {
    const ref = object.$ref;
    if (typeof ref !== 'string') return object;
    const [, , kind, name] = ref.split('/');
    return ((this.document.components as Json)[kind] as Json)[name] as Json;
  }
}

function isJson(mediaType: string): boolean {
  return mediaType === 'application/json' || mediaType.endsWith('+json');
}

function componentRefs<T>(schema: T): T {
  const refs = JSON.stringify(schema).replaceAll(
    '"#/components/schemas/',
    `"${COMPONENTS_ID}#/$defs/`,
  );
  return JSON.parse(refs) as T;
}
