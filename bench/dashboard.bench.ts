/**
 * The dashboard where a user feels it, measured in Chromium (Debian's, driven by playwright-core)
 * on the production build served on 127.0.0.1:
 *
 *   - first visit: a fresh browser profile (empty IndexedDB) opens the dashboard; the time until
 *     the overview is usable, i.e. its heading and the target table with the literacy target are
 *     shown (goal ≤ 2 s); and, for information, until the first trajectory chart has drawn;
 *   - reload: the same page reloaded with the data kept in IndexedDB (goal ≤ 1 s);
 *   - initial JavaScript: what the page loads before anything is shown, i.e. the entry script and
 *     the chunks it preloads, gzipped (goal ≤ 250 KB), beside all JavaScript of the build.
 *
 * The baseline, in the same run and browser: the time to show a static page from the same
 * server (what any page costs here), so the figures can be read against the machine.
 *
 *   pnpm exec tsx bench/dashboard.bench.ts        (KEPU_BENCH_ROUNDS=3 first visits by default)
 *
 * Not a test: nothing here asserts a time. The browser is $KEPU_CHROMIUM or what
 * `.ci/ensure-chromium` finds or installs.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildAndServe, launchChromium } from '../examples/dashboard/test/browser.js';

// playwright-core is the dashboard's dependency, not the bench package's: take its page type
// from the dashboard's browser helper.
type Page = Awaited<ReturnType<Awaited<ReturnType<typeof launchChromium>>['context']['newPage']>>;

const ROUNDS = Number(process.env.KEPU_BENCH_ROUNDS ?? 3);
const RELOADS = 5;
const LITERACY_TARGET = '到2025年全县公民具备科学素质的比例达到12%以上';

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (t: number) => `${t.toFixed(0)} ms`;

/** Milliseconds from navigating (or reloading) until the overview is usable and until a chart drew. */
async function timeOverview(
  page: Page,
  navigate: () => Promise<unknown>,
): Promise<{ usable: number; chart: number; checked: number }> {
  const started = performance.now();
  await navigate();
  await page.getByRole('rowheader', { name: LITERACY_TARGET }).waitFor({ state: 'visible', timeout: 120_000 });
  const usable = performance.now() - started;
  await page.locator('[data-testid="trajectory-chart"] svg').first().waitFor({ timeout: 60_000 });
  const chart = performance.now() - started;
  // The page is up before its data is stored (first visit) and verified; wait for both, so
  // the next reload finds them.
  await page.waitForFunction(() => performance.getEntriesByName('kepu:checked').length > 0, undefined, {
    timeout: 120_000,
  });
  return { usable, chart, checked: performance.now() - started };
}

/** The entry script and the chunks index.html preloads, each gzipped; and every script of the build. */
function javascriptSizes(outDir: string) {
  const html = readFileSync(join(outDir, 'index.html'), 'utf8');
  const initial = [
    ...html.matchAll(/<(?:script[^>]*\bsrc|link[^>]*rel="modulepreload"[^>]*\bhref)="\.?\/?([^"]+\.js)"/g),
  ]
    .map((m) => m[1] as string)
    .filter((file, i, all) => all.indexOf(file) === i);
  const gz = (file: string) => gzipSync(readFileSync(join(outDir, file))).length;
  const all = readdirSync(join(outDir, 'assets'))
    .filter((f) => f.endsWith('.js'))
    .map((f) => `assets/${f}`);
  return {
    initial: initial.reduce((sum, f) => sum + gz(f), 0),
    initialFiles: initial.length,
    all: all.reduce((sum, f) => sum + gz(f), 0),
    allFiles: all.length,
    largest: all.map((f) => ({ f, size: gz(f) })).sort((a, b) => b.size - a.size)[0],
  };
}

console.log('building the dashboard and serving it on 127.0.0.1 …');
const served = await buildAndServe();
writeFileSync(join(served.outDir, 'floor.html'), '<!doctype html><title>floor</title><h1>floor</h1>');
const firsts: { usable: number; chart: number; checked: number }[] = [];
const reloads: number[] = [];
const floors: number[] = [];
try {
  for (let round = 0; round < ROUNDS; round++) {
    const browser = await launchChromium();
    try {
      const page = browser.context.pages()[0] ?? (await browser.context.newPage());
      for (let k = 0; k < 3; k++) {
        const t0 = performance.now();
        await page.goto(`${served.url}floor.html`);
        await page.getByRole('heading', { name: 'floor' }).waitFor();
        floors.push(performance.now() - t0);
      }
      firsts.push(await timeOverview(page, () => page.goto(served.url)));
      if (round === ROUNDS - 1) {
        for (let k = 0; k < RELOADS; k++) reloads.push((await timeOverview(page, () => page.reload())).usable);
      }
    } finally {
      await browser.close();
    }
  }
  const js = javascriptSizes(served.outDir);
  const first = median(firsts.map((f) => f.usable));
  const firstChart = median(firsts.map((f) => f.chart));
  const firstChecked = median(firsts.map((f) => f.checked));
  const reload = median(reloads);
  const floor = median(floors);
  const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');
  console.log('');
  console.log(`dashboard in Chromium (median of ${ROUNDS} first visits, ${RELOADS} reloads)`);
  console.log(`  baseline: a static page from the same server        ${ms(floor)}`);
  console.log(
    `  first visit, overview usable                         ${ms(first)}  (${(first / floor).toFixed(1)}× the static page)  goal ≤ 2000 ms: ${verdict(first <= 2000)}`,
  );
  console.log(`  first visit, first trajectory chart drawn            ${ms(firstChart)}`);
  console.log(`  first visit, history stored and verified             ${ms(firstChecked)}`);
  console.log(
    `  reload, overview usable                              ${ms(reload)}  (${(reload / floor).toFixed(1)}× the static page)  goal ≤ 1000 ms: ${verdict(reload <= 1000)}`,
  );
  console.log(
    `  initial JavaScript (${js.initialFiles} files), gzipped             ${kb(js.initial)}  goal ≤ 250 KB: ${verdict(js.initial <= 250 * 1024)}`,
  );
  console.log(`  all JavaScript of the build (${js.allFiles} files), gzipped     ${kb(js.all)}`);
  console.log(`  largest script: ${js.largest?.f} ${kb(js.largest?.size ?? 0)} gzipped`);
  console.log('');
  console.log('  reproduce: pnpm exec tsx bench/dashboard.bench.ts');
} finally {
  await served.close();
}
