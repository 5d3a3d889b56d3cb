import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import * as core from '@kepu/core';
import * as zhengning from '@kepu/plan-zhengning';
import * as sdk from '@kepu/plugin-sdk';
import * as postgres from '@kepu/store-postgres';
import * as sqlite from '@kepu/store-sqlite';
import { describeDocSnippets } from '@kepu/test-utils/doc-snippets';
import { testPostgresUrl } from '@kepu/test-utils/postgres';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import * as charts from '../packages/charts/src/index.js';
import * as cli from '../packages/cli/src/index.js';
import * as client from '../packages/client/src/index.js';
import * as importer from '../packages/importer/src/index.js';
import * as react from '../packages/react/src/index.js';
import * as reports from '../packages/reports/src/index.js';
import * as server from '../packages/server/src/index.js';
import * as indexeddb from '../packages/store-indexeddb/src/index.js';
import * as survey from '../packages/survey/src/index.js';

// Every package README and the root README's "Using the library" promise that their first example
// runs as written: each ```ts block is type-checked (next to its README, so it sees the package's
// own dependencies), run, and its `// →` lines hold. Packages that are not dependencies of the
// repository root are imported from their sources, as the docs harness type-checks them.

const root = resolve(import.meta.dirname, '..');
const fromPackage = (dir: string) => createRequire(join(root, 'packages', dir, 'package.json'));

const modules: Record<string, unknown> = {
  '@kepu/plan-zhengning': zhengning,
  '@kepu/plugin-sdk': sdk,
  '@kepu/store-sqlite': sqlite,
  '@kepu/store-postgres': postgres,
  '@kepu/store-indexeddb': indexeddb,
  '@kepu/importer': importer,
  '@kepu/survey': survey,
  '@kepu/reports': reports,
  '@kepu/charts': charts,
  '@kepu/react': react,
  '@kepu/server': server,
  '@kepu/client': client,
  '@kepu/cli': cli,
  react: fromPackage('react')('react'),
  'react-dom/server': fromPackage('react')('react-dom/server'),
  'fake-indexeddb': fromPackage('store-indexeddb')('fake-indexeddb'),
  '@kepu/core': core,
};

// The PostgreSQL README reads its connection string from DATABASE_URL, as a deployment would:
// here, a database of its own, dropped afterwards.
const previousUrl = process.env.DATABASE_URL;
const database = `kepu_readme_${process.pid}_${Date.now().toString(36)}`;
let admin: pg.Client;
beforeAll(async () => {
  const url = new URL(testPostgresUrl());
  admin = new pg.Client({ connectionString: url.toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${database}"`);
  url.pathname = `/${database}`;
  process.env.DATABASE_URL = url.toString();
});
afterAll(async () => {
  if (previousUrl === undefined) delete process.env.DATABASE_URL;
  else process.env.DATABASE_URL = previousUrl;
  await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  await admin.end();
});

describeDocSnippets('README.md', modules, { minSnippets: 1, section: 'Using the library' });

// Every public package, found on disk: a new package's README is checked without editing this list.
const publicPackages = readdirSync(join(root, 'packages')).filter((dir) => {
  const manifest = join(root, 'packages', dir, 'package.json');
  return existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { private?: boolean }).private !== true;
});
for (const dir of publicPackages) {
  describeDocSnippets(`packages/${dir}/README.md`, modules, { minSnippets: 1 });
}
