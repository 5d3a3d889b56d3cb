import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMemoryIO } from '../io.js';
import { runCli } from '../main.js';

const CLI_MD = resolve(import.meta.dirname, '../../../../docs/cli.md');

/** The fenced block docs/cli.md shows after “It prints” in its `kepu demo` section. */
async function documentedOutput(): Promise<string> {
  const text = await readFile(CLI_MD, 'utf8');
  const section = text.slice(text.indexOf('## `kepu demo`'));
  const block = /It prints[^\n]*\n(?:[^\n]*\n)*?```\n([\s\S]*?)\n```/.exec(section)?.[1];
  if (block === undefined) throw new Error('docs/cli.md shows no output of kepu demo');
  return block;
}

// The docs show the demo as a user in /home/me sees it; only the paths and the time taken differ.
const normalise = (text: string, home: string) =>
  text
    .replaceAll(home, '/home/me')
    .replace(/用时 [\d.]+ 秒/, '用时 … 秒')
    .trimEnd();

describe('docs/cli.md on kepu demo', () => {
  it('shows exactly what kepu demo prints: the literacy series, the reviews, the default marks', async () => {
    const home = await mkdtemp(join(tmpdir(), 'kepu-docs-demo-'));
    const io = createMemoryIO({ cwd: home });
    expect(await runCli(['demo'], io)).toBe(0);
    const printed = normalise(io.out(), home);
    expect(normalise(await documentedOutput(), '/home/me')).toBe(printed);
    // The headline series rises every year.
    const literacy = /到2025年全县公民具备科学素质的比例[^…]*…([^\n]*)/.exec(printed)?.[1] ?? '';
    // Without the survey year's interval: the year's values and the forecast, in order.
    const rates = [...literacy.replace(/（[^）]*）/g, '').matchAll(/(\d+(?:\.\d)?)%/g)].map((m) => Number(m[1]));
    expect(rates).toHaveLength(5); // four years and the forecast
    expect(rates.slice(0, 4)).toEqual([...rates.slice(0, 4)].sort((a, b) => a - b));
  }, 180_000);
});
