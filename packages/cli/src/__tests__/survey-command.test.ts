import { spawnSync } from 'node:child_process';
import { copyFile, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scoreRespondents } from '@kepu/survey';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { readTable } from '../commands/survey/table.js';
import { demo, FIXTURES, ROOT, run, viaJson, writeDemoRound } from './survey-helpers.js';

let dir = '';

beforeAll(async () => {
  dir = await writeDemoRound();
});

describe('kepu survey', () => {
  it('lists its sub-commands, and names them when given an unknown one', async () => {
    const list = await run(['survey']);
    expect(list.code).toBe(0);
    expect(list.out).toContain('kepu survey estimate');
    expect(list.out).toContain('--proportion <col>');
    const unknown = await run(['survey', 'estimat', '--lang', 'en']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('Unknown survey command "estimat". Use one of score, estimate, rake, demo.');
    expect((await run(['survey', 'score', '--help'])).out).toContain('kepu survey score <responses.csv|xlsx>');
  });
});

describe('kepu survey demo', () => {
  it('writes the demo round: responses.csv equal to generateDemoSurvey, the questionnaire and the margins', async () => {
    const table = await readTable(join(dir, 'responses.csv'), 'responses.csv');
    expect(table.columns).toEqual(demo.columns);
    expect(table.rows).toHaveLength(demo.rows.length);
    const asText = (row: Readonly<Record<string, string | number | null>>) =>
      Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v === null ? null : String(v)]));
    expect(table.rows[0]).toEqual(asText(demo.rows[0]!));
    expect(table.rows.at(-1)).toEqual(asText(demo.rows.at(-1)!));
    expect(JSON.parse(await readFile(join(dir, 'questionnaire.json'), 'utf8'))).toEqual(demo.questionnaire);
    expect(JSON.parse(await readFile(join(dir, 'margins.json'), 'utf8')).margins).toEqual(viaJson(demo.margins));
  });

  it('says what it wrote and what to try next, in Chinese and English', async () => {
    const other = await mkdtemp(join(tmpdir(), 'kepu-survey-demo-'));
    const zh = await run(['survey', 'demo', '--out', other, '--seed', '7', '--size', '400']);
    expect(zh.code).toBe(0);
    expect(zh.out).toMatch(/写出 2024 年演示调查（种子 7）：\d+ 名受访者，10 个乡镇/);
    expect(zh.out).toContain('这是演示数据，不是调查结果');
    expect(zh.out).toContain('kepu survey estimate');
    const en = await run([
      'survey',
      'demo',
      '--out',
      other,
      '--seed',
      '7',
      '--size',
      '400',
      '--lang',
      'en',
      '--json',
      '--force',
    ]);
    const report = JSON.parse(en.out);
    expect(report.seed).toBe(7);
    expect(report.files).toEqual(['responses.csv', 'questionnaire.json', 'margins.json']);
    expect((await run(['survey', 'demo', '--out', other, '--size', '5'])).code).toBe(2);
    expect((await run(['survey', 'demo'])).code).toBe(2);
  });
});

describe('kepu survey score', () => {
  it('scores every respondent as the library does and writes literate, level and the scores', async () => {
    const scored = await readTable(join(dir, 'scored.csv'), 'scored.csv');
    const scores = scoreRespondents(demo.questionnaire, demo.respondents);
    expect(scored.columns.slice(-8)).toEqual([
      'score_total',
      'score_knowledge',
      'score_method',
      'score_spirit',
      'score_application',
      'level',
      'literate',
      'missing_items',
    ]);
    expect(scored.rows.map((r) => r.literate)).toEqual(scores.map((s) => (s.literate ? '1' : '0')));
    expect(scored.rows.map((r) => Number(r.score_total))).toEqual(scores.map((s) => Number(s.total!.toFixed(4))));
    expect(scored.rows.map((r) => r.missing_items)).toEqual(scores.map((s) => s.missingItems.join(';') || null));
  });

  it('prints an unweighted summary in Chinese (default) or English, or JSON', async () => {
    const file = join(dir, 'responses.csv');
    const zh = await run(['survey', 'score', file]);
    const literate = demo.literate.filter(Boolean).length;
    expect(zh.code).toBe(0);
    expect(zh.out).toContain(`具备科学素质 ${literate} 人`);
    expect(zh.out).toContain('具备科学素质（≥70）');
    expect(zh.out).toContain('科学精神与思想');
    expect(zh.out).toContain('未加权');
    const en = await run(['survey', 'score', file, '--lang', 'en']);
    expect(en.out).toContain(`${literate} with scientific literacy`);
    const json = JSON.parse((await run(['survey', 'score', file, '--json'])).out);
    expect(json.summary.literate).toBe(literate);
    expect(json.scores).toHaveLength(demo.respondents.length);
    expect(json.scores[3]).toEqual(viaJson(scoreRespondents(demo.questionnaire, [demo.respondents[3]!])[0]));
  });

  it('reads xlsx, a BOM with CRLF lines, and multiple-choice answers written AC, A;C or A、C', async () => {
    const q = {
      id: 'tiny',
      items: [
        { id: 'K1', dimension: 'knowledge', points: 40, key: 'A' },
        { id: 'M1', dimension: 'method', points: 20, key: ['A', 'C'] },
        { id: 'S1', dimension: 'spirit', points: 20, key: 'B' },
        { id: 'P1', dimension: 'application', points: 20, key: 'D' },
      ],
    };
    const work = await mkdtemp(join(tmpdir(), 'kepu-survey-score-'));
    await writeFile(join(work, 'q.json'), JSON.stringify(q));
    await writeFile(
      join(work, 'r.csv'),
      '\uFEFFid,K1,M1,S1,P1\r\n1,A,AC,B,D\r\n2,A,"A;C",B,\r\n3,A,A、C,X,D\r\n4,B,C,B,D\r\n',
    );
    const csv = JSON.parse(
      (await run(['survey', 'score', join(work, 'r.csv'), '--questionnaire', join(work, 'q.json'), '--json'])).out,
    );
    expect(csv.scores.map((s: { total: number }) => s.total)).toEqual([100, 80, 80, 40]);
    expect(csv.scores[1].missingItems).toEqual(['P1']);

    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('答卷');
    sheet.addRow(['id', 'K1', 'M1', 'S1', 'P1']);
    sheet.addRow([1, 'A', 'AC', 'B', 'D']);
    sheet.addRow([2, 'A', 'A;C', 'B', null]);
    sheet.addRow([]);
    sheet.addRow([3, 'A', 'A、C', 'X', 'D']);
    sheet.addRow([4, 'B', 'C', 'B', 'D']);
    await workbook.xlsx.writeFile(join(work, 'r.xlsx'));
    // questionnaire.json beside the responses is found without --questionnaire.
    await copyFile(join(work, 'q.json'), join(work, 'questionnaire.json'));
    const xlsx = JSON.parse((await run(['survey', 'score', join(work, 'r.xlsx'), '--json'])).out);
    expect(xlsx.scores.map((s: { total: number }) => s.total)).toEqual([100, 80, 80, 40]);
  });

  it('scores with the older all-dimensions rule only with explicit thresholds', async () => {
    const file = join(dir, 'responses.csv');
    const missing = await run(['survey', 'score', file, '--scheme', 'all-dimensions']);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('不猜测');
    const ok = await run([
      'survey',
      'score',
      file,
      '--scheme',
      'all-dimensions',
      '--thresholds',
      'knowledge=0.6,method=0.6,spirit=0.6,application=0.6',
      '--json',
    ]);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.out).scheme.kind).toBe('all-dimensions');
  });

  it('names the file, row and column of bad data, and exits 2', async () => {
    const work = await mkdtemp(join(tmpdir(), 'kepu-survey-bad-'));
    await writeFile(
      join(work, 'q.json'),
      JSON.stringify({ id: 'q', items: [{ id: 'K1', dimension: 'knowledge', points: 1, key: 'A' }] }),
    );
    const nat = [
      '--questionnaire',
      join(work, 'q.json'),
      '--scheme',
      'all-dimensions',
      '--thresholds',
      'knowledge=0.5',
    ];
    await writeFile(join(work, 'dup.csv'), 'id,K1\n1,A\n2,B\n1,A\n');
    const dup = await run(['survey', 'score', join(work, 'dup.csv'), ...nat]);
    expect(dup.code).toBe(2);
    expect(dup.err).toContain('第 4 行');
    expect(dup.err).toContain('“id”列');
    expect(dup.err).toContain('第 2 行重复');
    await writeFile(join(work, 'nocol.csv'), 'id,K2\n1,A\n');
    const nocol = await run(['survey', 'score', join(work, 'nocol.csv'), ...nat, '--lang', 'en']);
    expect(nocol.code).toBe(2);
    expect(nocol.err).toMatch(/nocol\.csv, row 1, column "K1".*no column/);
    await writeFile(join(work, 'quote.csv'), 'id,K1\n1,A\n2,"B\n');
    const quote = await run(['survey', 'score', join(work, 'quote.csv'), ...nat]);
    expect(quote.code).toBe(2);
    expect(quote.err).toContain('[bad-csv]');
    expect(quote.err).toContain('第 3 行');
    await writeFile(join(work, 'bad-q.json'), JSON.stringify({ id: 'q', items: [] }));
    const badQ = await run(['survey', 'score', join(work, 'dup.csv'), '--questionnaire', join(work, 'bad-q.json')]);
    expect(badQ.code).toBe(2);
    expect(badQ.err).toContain('bad-q.json');
    expect((await run(['survey', 'score', join(work, 'absent.csv'), ...nat])).err).toContain('ENOENT');
  });
});

describe('kepu survey as a real process', () => {
  it('runs estimate from the shell with exit 0, and exits 2 on bad data', { timeout: 90_000 }, () => {
    const bin = ['--conditions=source', '--import', 'tsx', 'packages/cli/src/bin.ts'];
    const ok = spawnSync(
      process.execPath,
      [
        ...bin,
        'survey',
        'estimate',
        join(FIXTURES, 'apistrat.csv'),
        '--strata',
        'stype',
        '--weight',
        'pw',
        '--fpc',
        'fpc',
        '--mean',
        'api00',
        '--lang',
        'en',
      ],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/Overall\s+200\s+662\.29\s+643\.\d+–680\.\d+\s+9\.4089/);
    const bad = spawnSync(
      process.execPath,
      [
        ...bin,
        'survey',
        'estimate',
        join(FIXTURES, 'apistrat.csv'),
        '--strata',
        'stype',
        '--weight',
        'name',
        '--mean',
        'api00',
      ],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/apistrat\.csv 第 2 行 “name”列：权数“.+”无效/);
  });
});
