import { readFileSync } from 'node:fs';
import SwaggerParser from '@apidevtools/swagger-parser';
import { COMMAND_TYPES } from '@kepu/core';
import type { OpenAPIV3_1 } from 'openapi-types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endpointPermissions } from '../src/index.js';
import { type Harness, startHarness } from './harness.js';
import { roleTableMarkdown } from './role-table.js';

let h: Harness;
let doc: OpenAPIV3_1.Document;
beforeAll(async () => {
  h = await startHarness();
  doc = (await (await fetch(`${h.url}/api/openapi.json`)).json()) as OpenAPIV3_1.Document;
});
afterAll(async () => {
  await h.close();
});

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    expect(doc.openapi).toBe('3.1.0');
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeTruthy();
  });

  it('has an endpoint for every command type and every endpoint of the role table', () => {
    for (const type of COMMAND_TYPES) expect(doc.paths?.[`/api/commands/${type}`]?.post).toBeDefined();
    for (const e of endpointPermissions()) {
      const method = e.method.toLowerCase() as 'get' | 'post' | 'put' | 'delete';
      expect(doc.paths?.[e.path]?.[method], `${e.method} ${e.path}`).toBeDefined();
    }
  });

  it('documents the live event stream as text/event-stream, resumable with Last-Event-ID', () => {
    const op = doc.paths?.['/api/events']?.get;
    const ok = op?.responses?.['200'] as OpenAPIV3_1.ResponseObject | undefined;
    expect(Object.keys(ok?.content ?? {})).toEqual(['text/event-stream']);
    expect(ok?.description).toContain('reset');
    const headers = (op?.parameters ?? []) as OpenAPIV3_1.ParameterObject[];
    expect(headers.find((p) => p.name === 'last-event-id')?.in).toBe('header');
  });

  it('is served with an interactive reference page', async () => {
    const page = await fetch(`${h.url}/api/docs`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('/api/openapi.json');
  });
});

describe('docs/server.md', () => {
  it('shows the role × endpoint table the server enforces', () => {
    const guide = readFileSync(new URL('../../../docs/server.md', import.meta.url), 'utf8');
    expect(guide).toContain(roleTableMarkdown());
  });
});
