// Rewrites src/generated/openapi.ts from the document the server serves.
import { mkdirSync, writeFileSync } from 'node:fs';
import { GENERATED_FILE, servedDocument, typesOf } from './openapi-types.js';

mkdirSync(new URL('.', GENERATED_FILE), { recursive: true });
writeFileSync(GENERATED_FILE, await typesOf(await servedDocument()));
console.log(`wrote ${GENERATED_FILE.pathname}`);
