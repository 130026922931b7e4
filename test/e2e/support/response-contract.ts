// Every answer the e2e suite's HTTP clients receive is checked against the OpenAPI document that the api
// under test serves (GET /openapi.json, fetched once per api): a test fails on the first answer the document
// does not describe. A new route is documented in its feature's `<feature>.openapi.ts`, listed in
// apps/api/src/openapi/api-document.ts (non-JSON answers are declared by their content type).
import { OpenApiContract, type ObservedAnswer } from '../../support/openapi-contract';

const contracts = new Map<string, Promise<OpenApiContract>>();
// Apps started by one test file serve the same document: it is compiled once (ajv compiles take a while,
// and a test that times an answer must not time that).
const compiled = new Map<string, OpenApiContract>();

/** Throws, naming every difference, when the api's own document does not describe this answer. */
export async function expectDocumented(
  url: string,
  answer: Omit<ObservedAnswer, 'path'>,
): Promise<void> {
  const { origin, pathname, search } = new URL(url);
  const contract = await contractOf(origin);
  const violations = contract.violations({ ...answer, path: `${pathname}${search}` });
  if (violations.length > 0) {
    throw new Error(
      `the answer is not described by ${origin}/openapi.json:\n  ${violations.join('\n  ')}`,
    );
  }
}

function contractOf(origin: string): Promise<OpenApiContract> {
  let contract = contracts.get(origin);
  if (!contract) {
    contract = fetch(`${origin}/openapi.json`).then(async (response) => {
      if (response.status !== 200)
        throw new Error(`${origin}/openapi.json answered ${response.status}`);
      const text = await response.text();
      let contract = compiled.get(text);
      if (!contract) {
        contract = new OpenApiContract(JSON.parse(text) as Record<string, unknown>);
        compiled.set(text, contract);
      }
      return contract;
    });
    // A failed fetch is not kept: the next answer tries again.
    contract.catch(() => contracts.delete(origin));
    contracts.set(origin, contract);
  }
  return contract;
}
