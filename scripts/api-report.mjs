// The public API report: one Markdown file per published entry point under etc/api/, generated
// by API Extractor from the built declaration files. `--check` (the test command) fails when the
// public surface differs from the committed report, so every change to it shows up in review;
// without it, the reports are rewritten (run `pnpm run api-report` after changing an export).
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Extractor, ExtractorConfig } from '@microsoft/api-extractor';

const root = resolve(import.meta.dirname, '..');
const check = process.argv.includes('--check');
const reportFolder = join(root, 'etc', 'api');
mkdirSync(reportFolder, { recursive: true });

/** Every published package's entry points: the `types` of each `import` condition in `exports`. */
function entryPoints() {
  const out = [];
  for (const dir of readdirSync(join(root, 'packages'))) {
    const folder = join(root, 'packages', dir);
    const manifest = join(folder, 'package.json');
    if (!existsSync(manifest)) continue;
    const pkg = JSON.parse(readFileSync(manifest, 'utf8'));
    if (pkg.private) continue;
    for (const [subpath, target] of Object.entries(pkg.exports ?? {})) {
      const types = target?.import?.types;
      if (typeof types !== 'string') continue;
      const suffix = subpath === '.' ? '' : `-${subpath.slice(2).replaceAll('/', '-')}`;
      out.push({
        folder,
        manifest,
        name: `${pkg.name}${subpath === '.' ? '' : subpath.slice(1)}`,
        types,
        report: `${dir}${suffix}`,
      });
    }
  }
  return out;
}

let failed = 0;
for (const entry of entryPoints()) {
  const dts = join(entry.folder, entry.types);
  if (!existsSync(dts)) {
    console.error(`${entry.name}: ${entry.types} is missing; build the package first (pnpm run build)`);
    failed++;
    continue;
  }
  const config = ExtractorConfig.prepare({
    configObject: {
      projectFolder: entry.folder,
      mainEntryPointFilePath: dts,
      compiler: {
        overrideTsconfig: {
          compilerOptions: {
            lib: ['es2023', 'dom'],
            types: [],
            skipLibCheck: true,
            module: 'esnext',
            moduleResolution: 'bundler',
            target: 'es2022',
            strict: true,
          },
        },
      },
      apiReport: {
        enabled: true,
        reportFolder,
        reportTempFolder: join(root, 'node_modules', '.cache', 'api-report'),
        reportFileName: entry.report,
      },
      docModel: { enabled: false },
      dtsRollup: { enabled: false },
      tsdocMetadata: { enabled: false },
      messages: {
        extractorMessageReporting: { default: { logLevel: 'none' } },
        tsdocMessageReporting: { default: { logLevel: 'none' } },
        compilerMessageReporting: { default: { logLevel: 'warning' } },
      },
    },
    configObjectFullPath: undefined,
    packageJsonFullPath: entry.manifest,
  });
  const result = Extractor.invoke(config, {
    localBuild: !check,
    messageCallback: (m) => {
      if (m.logLevel !== 'error') m.handled = true;
    },
  });
  if (!result.succeeded || (check && result.apiReportChanged)) {
    console.error(
      `${entry.name}: the public API differs from etc/api/${entry.report}.api.md — review the change, then run pnpm run api-report and commit the report`,
    );
    failed++;
  } else if (result.apiReportChanged) console.log(`${entry.name}: etc/api/${entry.report}.api.md updated`);
}
process.exit(failed === 0 ? 0 : 1);
