import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMemoryIO } from '../io.js';
import { runCli } from '../main.js';

async function run(argv: string[], cwd: string) {
  const io = createMemoryIO({ cwd });
  const code = await runCli(argv, io);
  return { code, out: io.out(), err: io.err() };
}

const QUESTIONNAIRE = {
  id: 't',
  items: [
    { id: 'K01', dimension: 'knowledge', points: 50, key: 'B' },
    { id: 'K02', dimension: 'knowledge', points: 50, key: ['A', 'C'] },
  ],
};

describe('survey commands say what they could not read as given (issue 16, findings 4 and 5)', () => {
  it('scores lowercase and full-width answers as capitals and says so; flags answers that are no option', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kepu-answers-'));
    await writeFile(join(dir, 'questionnaire.json'), JSON.stringify(QUESTIONNAIRE));
    await writeFile(join(dir, 'r.csv'), 'id,K01,K02\r\n1,b,ac\r\n2,Z,A;C\r\n3,Ｂ,AC\r\n');
    const r = await run(
      ['survey', 'score', 'r.csv', '--scheme', 'all-dimensions', '--thresholds', 'knowledge=0.5', '--json'],
      dir,
    );
    expect(r.code).toBe(0);
    expect(r.err).toContain('已按大写计分');
    expect(r.err).toMatch(/第 3 行“K01”列：“Z”/);
    const scores = JSON.parse(r.out).scores as Array<{ dimensions: Array<{ score: number }> }>;
    expect(scores.map((s) => s.dimensions[0]?.score)).toEqual([1, 0.5, 1]);
  });

  it('refuses a hexadecimal or comma weight instead of reading 0x10 as 16', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kepu-weights-'));
    await writeFile(join(dir, 'w.csv'), 'id,s,w,y\r\n1,a,0x10,1\r\n2,a,1,0\r\n3,b,1,1\r\n4,b,1,0\r\n');
    const r = await run(['survey', 'estimate', 'w.csv', '--strata', 's', '--weight', 'w', '--proportion', 'y'], dir);
    expect(r.code).toBe(2);
    expect(r.err).toContain('十六进制');
    expect(r.err).toMatch(/第 2 行/);
  });
});
