import { createEngine } from '@kepu/core';
import { zhengning } from '@kepu/plan-zhengning';
import { createAccounts, createServer, createSqliteAccountStore } from '@kepu/server';
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';

/** Where the generated types live, and the command that rewrites them. */
export const GENERATED_FILE = new URL('../src/generated/openapi.ts', import.meta.url);
export const GENERATE_COMMAND = 'pnpm --filter @kepu/client run generate';

const HEADER = `// Generated from the Kepu server's OpenAPI document by openapi-typescript: do not edit.
// Regenerate with \`${GENERATE_COMMAND}\` after changing an endpoint or a schema;
// a test fails while this file differs from what the server serves.

`;

/** The TypeScript types of an OpenAPI document, as the checked-in file holds them. */
export async function typesOf(document: unknown): Promise<string> {
  const ast = await openapiTS(structuredClone(document) as OpenAPI3, { silent: true });
  return HEADER + astToString(ast);
}

/** The document a server with the Zhengning plugin serves, read in-process (no port is opened). */
export async function servedDocument(): Promise<unknown> {
  const engine = await createEngine({ plugins: [zhengning()], watch: false });
  const store = createSqliteAccountStore({ filename: ':memory:' });
  try {
    const app = createServer({ engine, accounts: createAccounts({ store }) });
    const response = await app.fetch(new Request('http://localhost/api/openapi.json'));
    if (!response.ok) throw new Error(`the server answered ${response.status} for its OpenAPI document`);
    return await response.json();
  } finally {
    await engine.dispose();
    store.dispose();
  }
}
