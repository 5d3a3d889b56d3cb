import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fc, test } from '@fast-check/vitest';
import { CsvRecordReader, readCsvRecords } from '@kepu/reports';
import {
  generateDemoSurvey,
  type Questionnaire,
  type RespondentScore,
  scoreRespondents,
  streamDemoSurvey,
} from '@kepu/survey';
import { describe, expect, it } from 'vitest';
import {
  type AnswerNote,
  AnswerNoteLog,
  answerOf,
  letterOptions,
  renderAnswerNotes,
} from '../commands/survey/answers.js';
import { readTable, toCsv } from '../commands/survey/table.js';
import { prepareOutput } from '../safe-output.js';
import { run, townships } from './survey-helpers.js';

// kepu survey score and kepu survey demo read, score and write one respondent at a time. These
// tests hold the streamed commands to what the whole-table commands did: the same bytes, the same
// summary, the same errors, and no file when a bad row is found late.

const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');
const tempDir = () => mkdtemp(join(tmpdir(), 'kepu-survey-stream-'));

/**
 * The whole-table scorer as kepu survey score was before it streamed: every row read, every
 * respondent built, all scored in one call, the summary added up over the list of scores.
 */
async function wholeTableScorer(path: string, questionnaire: Questionnaire) {
  const table = await readTable(path, 'responses.csv');
  const options = letterOptions(questionnaire);
  const notes: AnswerNote[] = [];
  const respondents = table.rows.map((row, i) => {
    const answers: Record<string, string | string[] | null> = {};
    for (const item of questionnaire.items) {
      answers[item.id] = answerOf(
        row[item.id] ?? null,
        item.key,
        options,
        { row: table.rowNumbers[i]!, item: item.id },
        notes,
      );
    }
    return { id: row.id!, answers };
  });
  const scores = scoreRespondents(questionnaire, respondents);
  const dims = scores[0]?.dimensions.map((d) => d.dimension) ?? [];
  const extra = ['score_total', ...dims.map((d) => `score_${d}`), 'level', 'literate', 'missing_items'];
  const columns = [...table.columns.filter((c) => !extra.includes(c)), ...extra];
  const rows = table.rows.map((row, i) => {
    const s = scores[i]!;
    const out: Record<string, unknown> = { ...row };
    out.score_total = s.total === null ? null : Number(s.total.toFixed(4));
    for (const d of s.dimensions) out[`score_${d.dimension}`] = Number(d.score.toFixed(4));
    out.level = s.level;
    out.literate = s.literate ? 1 : 0;
    out.missing_items = s.missingItems.join(';');
    return out;
  });
  const n = scores.length;
  const literate = scores.filter((s) => s.literate).length;
  const totals = scores.map((s) => s.total).filter((x): x is number => x !== null);
  const summary = {
    respondents: n,
    literate,
    literateShareUnweighted: n > 0 ? literate / n : null,
    incomplete: scores.filter((s) => !s.complete).length,
    meanTotal: totals.length > 0 ? totals.reduce((a, b) => a + b, 0) / totals.length : null,
    levels: Object.fromEntries(
      ['high', 'literate', 'basic', 'below-basic'].map((l) => [l, scores.filter((s) => s.level === l).length]),
    ),
    dimensions: (scores[0]?.dimensions ?? []).map((d, k) => ({
      dimension: d.dimension,
      max: d.max,
      mean: scores.reduce((sum, s) => sum + s.dimensions[k]!.score, 0) / n,
    })),
  };
  return { csv: toCsv(columns, rows), summary, scores, notes: renderAnswerNotes(notes, 'responses.csv', 'en') };
}

const DIMENSIONS = ['knowledge', 'method', 'spirit', 'application'] as const;

/** A questionnaire of single-letter and multiple-choice items over the four national dimensions. */
const questionnaireArb = fc
  .array(
    fc.record({
      points: fc.integer({ min: 1, max: 4 }),
      key: fc.oneof(
        fc.constantFrom('A', 'B', 'C', 'D'),
        fc.uniqueArray(fc.constantFrom('A', 'B', 'C', 'D'), { minLength: 2, maxLength: 3 }).map((k) => k.sort()),
      ),
    }),
    { minLength: 4, maxLength: 9 },
  )
  .map(
    (items): Questionnaire => ({
      id: 'generated',
      // Every dimension gets an item: the first four go one to each.
      items: items.map((item, k) => ({
        id: `Q${k + 1}`,
        dimension: DIMENSIONS[k % 4]!,
        points: item.points,
        key: item.key,
      })),
    }),
  );

/** An answer cell as data entry leaves it: blank, right, wrong, lowercase, full-width, unknown, several options. */
const cellArb = fc.constantFrom(
  '',
  'A',
  'B',
  'C',
  'D',
  'b',
  'Ｃ',
  'Z',
  'A;C',
  'AC',
  'B,D',
  'a c',
  'A、B、C',
  ' ',
  'NA',
);
/** A cell of a column the scorer passes through: quotes, commas, line breaks, formula-like text. */
const extraArb = fc.constantFrom('', '山河镇', 'x,y', 'say "hi"', 'two\nlines', '=1+1', '-3', ' padded ');

async function writeResponses(dir: string, q: Questionnaire, rows: ReadonlyArray<readonly string[]>, extra: string[]) {
  const columns = ['id', 'note', ...q.items.map((i) => i.id)];
  const records = rows.map((cells, r) => ({
    id: `r${r + 1}`,
    note: extra[r % extra.length] ?? '',
    ...Object.fromEntries(q.items.map((item, k) => [item.id, cells[k % cells.length] ?? ''])),
  }));
  await writeFile(join(dir, 'responses.csv'), toCsv(columns, records));
  await writeFile(join(dir, 'questionnaire.json'), JSON.stringify(q));
}

async function expectSameAsWholeTable(dir: string, q: Questionnaire) {
  const path = join(dir, 'responses.csv');
  const oracle = await wholeTableScorer(path, q);
  const out = `scored-${Math.random().toString(36).slice(2)}.csv`;
  const scored = await run(['survey', 'score', 'responses.csv', '--out', out, '--json', '--lang', 'en'], dir);
  expect(scored.code).toBe(0);
  expect(scored.err).toBe(oracle.notes);
  expect(await readFile(join(dir, out), 'utf8')).toBe(oracle.csv);
  const json = JSON.parse(scored.out) as { summary: typeof oracle.summary; scores: RespondentScore[] };
  expect(json.summary).toEqual(JSON.parse(JSON.stringify(oracle.summary)));
  expect(json.scores).toEqual(JSON.parse(JSON.stringify(oracle.scores)));
}

describe('kepu survey score, streamed', () => {
  test.prop(
    [
      questionnaireArb,
      fc.array(fc.array(cellArb, { minLength: 1, maxLength: 9 }), { maxLength: 25 }),
      fc.array(extraArb, { minLength: 1, maxLength: 4 }),
    ],
    {
      numRuns: 20,
    },
  )(
    'law: streamed scoring equals whole-table scoring (same scored CSV bytes, summary, scores and answer notes)',
    async (q, rows, extra) => {
      const dir = await tempDir();
      await writeResponses(dir, q, rows, extra);
      await expectSameAsWholeTable(dir, q);
    },
  );

  it('equals whole-table scoring across batch boundaries: 2,500 respondents, unknown answers past the first thousand', async () => {
    const dir = await tempDir();
    const q: Questionnaire = {
      id: 'batches',
      items: DIMENSIONS.map((dimension, k) => ({ id: `Q${k + 1}`, dimension, points: 2, key: 'B' })),
    };
    const cells = ['B', 'A', '', 'b', 'B', 'C', 'B', 'B', 'D', 'B', 'B'];
    const rows = Array.from({ length: 2_500 }, (_, r) =>
      r === 1_234 || r === 2_499
        ? ['Z', 'B', 'B', 'B']
        : [0, 1, 2, 3].map((k) => cells[(r * 7 + k * 3) % cells.length]!),
    );
    await writeResponses(dir, q, rows, ['']);
    await expectSameAsWholeTable(dir, q);
    const scored = JSON.parse((await run(['survey', 'score', join(dir, 'responses.csv'), '--json'])).out);
    // The warning of the 1,235th respondent keeps its place in the whole file, not in its batch.
    expect(scored.scores[1_234].warnings[0].path).toEqual(['respondents', 1_234, 'answers', 'Q1']);
  });

  it('leaves no file when a bad row is found late: a repeated id on the last of 2,500 rows, a bad quote on the last line', async () => {
    const dir = await tempDir();
    const q: Questionnaire = {
      id: 'late',
      items: DIMENSIONS.map((dimension, k) => ({ id: `Q${k + 1}`, dimension, points: 2, key: 'A' })),
    };
    await writeFile(join(dir, 'questionnaire.json'), JSON.stringify(q));
    const lines = ['id,Q1,Q2,Q3,Q4', ...Array.from({ length: 2_500 }, (_, r) => `r${r + 1},A,B,A,`)];
    await writeFile(join(dir, 'repeated.csv'), `${lines.join('\n')}\nr7,A,A,A,A\n`);
    const repeated = await run([
      'survey',
      'score',
      join(dir, 'repeated.csv'),
      '--out',
      join(dir, 'a.csv'),
      '--lang',
      'en',
    ]);
    expect(repeated.code).toBe(2);
    expect(repeated.err).toContain('[duplicate-id]');
    expect(repeated.err).toContain('row 2502, column "id"');
    await writeFile(join(dir, 'quote.csv'), `${lines.join('\n')}\nr9999,"A,B,A,A\n`);
    const quote = await run(['survey', 'score', join(dir, 'quote.csv'), '--out', join(dir, 'b.csv'), '--lang', 'en']);
    expect(quote.code).toBe(2);
    expect(quote.err).toContain('[bad-csv]');
    expect(quote.err).toContain('row 2502');
    // An existing output, replaced with --force, stays whole when the run fails.
    await writeFile(join(dir, 'c.csv'), 'old\n');
    const forced = await run(['survey', 'score', join(dir, 'repeated.csv'), '--out', join(dir, 'c.csv'), '--force']);
    expect(forced.code).toBe(2);
    expect(await readFile(join(dir, 'c.csv'), 'utf8')).toBe('old\n');
    expect((await readdir(dir)).sort()).toEqual(['c.csv', 'questionnaire.json', 'quote.csv', 'repeated.csv']);
  });
});

describe('kepu survey demo, streamed', () => {
  it('writes the same bytes as before it streamed (hashes taken from the whole-table demo, seed 1, size 300)', async () => {
    const dir = await tempDir();
    const made = await run(['survey', 'demo', '--out', dir, '--size', '300']);
    expect(made.code).toBe(0);
    expect(made.out).toContain('299 名受访者，10 个乡镇（层），20 个村/社区');
    expect(made.out).toContain('本样本的加权估计为 11.1%（95% 置信区间 7.0%–17.0%）');
    const hash = async (f: string) => sha256(await readFile(join(dir, f)));
    expect(await hash('responses.csv')).toBe('8770de6177aca0eb15d9695836d4f627008eb7b82c5f0120046e79f159c22245');
    expect(await hash('questionnaire.json')).toBe('f8516fd9fcb5f4eb40e9207549a327c50166130b1120a601eaff4992d6e3daee');
    expect(await hash('margins.json')).toBe('39fafd7f2f440a04e2bb37021d437f7ef6a70b06aff3413a00a071ee2ec20b46');
    const scored = await run(['survey', 'score', join(dir, 'responses.csv'), '--out', join(dir, 'scored.csv')]);
    expect(scored.code).toBe(0);
    expect(await hash('scored.csv')).toBe('658ca636908fc86335bbfc96523a82f1c193a17e3235619564b63473a2f34ef8');
  });

  it('reports what it did before it streamed (--json of seed 7, year 2021, size 500)', async () => {
    const dir = await tempDir();
    const made = await run([
      'survey',
      'demo',
      '--out',
      dir,
      '--size',
      '500',
      '--seed',
      '7',
      '--year',
      '2021',
      '--json',
    ]);
    expect(made.code).toBe(0);
    const json = JSON.parse(made.out);
    delete json.dir;
    expect(sha256(JSON.stringify(json))).toBe('360c70501fe3e5d17fbbe82bbd46ccda9e310f6df79aa275eb6d996f31d5e379');
    expect(json.respondents).toBe(501);
    expect(json.estimate.point).toBe(0.12273754003873164);
  });

  it('streamDemoSurvey draws the respondents and rows of generateDemoSurvey, again on every pass', () => {
    const options = { seed: 3, year: 2022, units: townships, size: 400 };
    const whole = generateDemoSurvey(options);
    const stream = streamDemoSurvey(options);
    const first = [...stream.respondents()];
    expect(first).toEqual(whole.respondents);
    expect(first.map(stream.row)).toEqual(whole.rows);
    expect(stream.size).toBe(whole.respondents.length);
    expect([...stream.respondents()]).toEqual(first);
    expect(stream.units).toEqual(whole.units);
  });
});

describe('reading and writing a row at a time', () => {
  test.prop(
    [
      fc.array(fc.constantFrom('a', '山', ',', '"', '""', '\n', '\r', '\r\n', ' ', '\uFEFF'), { maxLength: 60 }),
      fc.array(fc.nat(), { maxLength: 8 }),
    ],
    { numRuns: 300 },
  )(
    'law: CsvRecordReader fed in pieces gives the records (or the error) of readCsvRecords on the whole text',
    (parts, cuts) => {
      const text = parts.join('');
      const whole = (() => {
        try {
          return readCsvRecords('x.csv', text);
        } catch (error) {
          return String(error);
        }
      })();
      const at = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((x, y) => x - y);
      const pieces = [0, ...at, text.length].slice(1).map((end, k, ends) => text.slice(k === 0 ? 0 : ends[k - 1], end));
      const streamed = (() => {
        const reader = new CsvRecordReader('x.csv');
        try {
          return [...pieces.flatMap((p) => reader.push(p)), ...reader.end()];
        } catch (error) {
          return String(error);
        }
      })();
      expect(streamed).toEqual(whole);
    },
  );

  it('CsvRecordReader hands out the records a piece completes, and holds a quoted field open across pieces', () => {
    const reader = new CsvRecordReader('x.csv');
    expect(reader.push('a,b\n1,"two')).toEqual([{ cells: ['a', 'b'], line: 1 }]);
    expect(reader.push('\nlines"\n3,4')).toEqual([{ cells: ['1', 'two\nlines'], line: 2 }]);
    expect(reader.push('\n"5,6\n')).toEqual([{ cells: ['3', '4'], line: 4 }]);
    expect(() => reader.end()).toThrow(/line 5/);
  });

  it('writeChunks writes the pieces as one file, and an error from the pieces leaves no file and no temporary file', async () => {
    const dir = await tempDir();
    const ok = await prepareOutput('ok.csv', { cwd: dir });
    await ok.writeChunks(
      (function* () {
        for (let k = 0; k < 20_000; k++) yield `${k},山河镇\r\n`;
      })(),
    );
    const text = await readFile(join(dir, 'ok.csv'), 'utf8');
    expect(text.split('\r\n')).toHaveLength(20_001);
    expect(text.endsWith('19999,山河镇\r\n')).toBe(true);
    const late = new Error('bad row 20,000');
    const bad = await prepareOutput('bad.csv', { cwd: dir });
    await expect(
      bad.writeChunks(
        (async function* () {
          for (let k = 0; k < 20_000; k++) yield `${k}\r\n`;
          throw late;
        })(),
      ),
    ).rejects.toBe(late);
    expect(await readdir(dir)).toEqual(['ok.csv']);
  });

  it('AnswerNoteLog counts every note but keeps only the printed ones, and prints what the list of notes prints', () => {
    const log = new AnswerNoteLog();
    const notes: AnswerNote[] = [];
    for (let row = 2; row < 50_002; row++) {
      answerOf('z', 'A', 'ABCD', { row, item: 'K01' }, log);
      answerOf('z', 'A', 'ABCD', { row, item: 'K01' }, notes);
    }
    expect(log.normalised).toBe(50_000);
    expect(log.unknown).toBe(50_000);
    expect(log.unknownShown).toHaveLength(10);
    expect(renderAnswerNotes(log, 'r.csv', 'zh')).toBe(renderAnswerNotes(notes, 'r.csv', 'zh'));
    expect(renderAnswerNotes(log, 'r.csv', 'en')).toContain('50000 answer(s) are none of the questionnaire');
  });
});

describe('kepu survey score, streamed from a workbook', () => {
  const q: Questionnaire = {
    id: 'book',
    items: DIMENSIONS.map((dimension, k) => ({
      id: `Q${k + 1}`,
      dimension,
      points: 2,
      key: k === 1 ? ['A', 'C'] : 'B',
    })),
  };

  async function workbook(dir: string, rows: unknown[][], name = 'r.xlsx') {
    const ExcelJS = (await import('exceljs')).default;
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('答卷');
    for (const row of rows) sheet.addRow(row);
    book.addWorksheet('说明').addRow(['not read']);
    await book.xlsx.writeFile(join(dir, name));
  }

  it('scores a workbook row by row as it scores the same cells in a CSV', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'questionnaire.json'), JSON.stringify(q));
    const cells = ['B', 'A', null, 'b', 'AC', 'A;C', 'Z', 'C'];
    const rows = Array.from({ length: 1_500 }, (_, r) => [
      `r${r + 1}`,
      r % 3 === 0 ? '山河镇' : 7,
      ...[0, 1, 2, 3].map((k) => cells[(r * 5 + k * 3) % cells.length]),
    ]);
    await workbook(dir, [['id', 'note', 'Q1', 'Q2', 'Q3', 'Q4'], ...rows.slice(0, 700), [], ...rows.slice(700)]);
    await writeFile(
      join(dir, 'r.csv'),
      toCsv(
        ['id', 'note', 'Q1', 'Q2', 'Q3', 'Q4'],
        rows.map((r) => Object.fromEntries(['id', 'note', 'Q1', 'Q2', 'Q3', 'Q4'].map((c, k) => [c, r[k]]))),
      ),
    );
    const book = await run(['survey', 'score', 'r.xlsx', '--out', 'book.csv'], dir);
    const csv = await run(['survey', 'score', 'r.csv', '--out', 'csv.csv'], dir);
    expect(book.code).toBe(0);
    expect(await readFile(join(dir, 'book.csv'), 'utf8')).toBe(await readFile(join(dir, 'csv.csv'), 'utf8'));
    expect(book.out.replaceAll('r.xlsx', 'r.csv').replaceAll('book.csv', 'csv.csv')).toBe(csv.out);
  });

  it('refuses a formula without its value or a cell right of the header late in a workbook, and writes nothing', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'questionnaire.json'), JSON.stringify(q));
    const rows = Array.from({ length: 1_200 }, (_, r) => [`r${r + 1}`, 'B', 'A', 'B', 'B']);
    await workbook(
      dir,
      [['id', 'Q1', 'Q2', 'Q3', 'Q4'], ...rows, ['late', 'B', { formula: 'A1' }, 'B', 'B']],
      'f.xlsx',
    );
    const formula = await run(['survey', 'score', 'f.xlsx', '--out', 'f.csv', '--lang', 'en'], dir);
    expect(formula.code).toBe(2);
    expect(formula.err).toContain(
      '[bad-value] f.xlsx（答卷）, row 1202, column "C": the cell holds a formula saved without its value',
    );
    await workbook(dir, [['id', 'Q1', 'Q2', 'Q3', 'Q4'], ...rows, ['wide', 'B', 'A', 'B', 'B', 'extra']], 'w.xlsx');
    const wide = await run(['survey', 'score', 'w.xlsx', '--out', 'w.csv', '--lang', 'en'], dir);
    expect(wide.code).toBe(2);
    expect(wide.err).toContain('[bad-header] w.xlsx, row 1: column 6 has no name.');
    expect((await readdir(dir)).sort()).toEqual(['f.xlsx', 'questionnaire.json', 'w.xlsx']);
  });
});

describe('readTable, streamed from the disk', () => {
  it('reads every encoding as decodeText reads the whole file, characters split across blocks included', async () => {
    const dir = await tempDir();
    // Rows long enough for several 64 KB blocks; an odd-length first row shifts every boundary.
    const utf8Text = `id,name\nx,a\n${Array.from({ length: 9_000 }, (_, k) => `${k},山河镇“${k}”`).join('\n')}\n`;
    const gbRow = (k: number) =>
      Buffer.concat([Buffer.from(`${k},`), Buffer.from([0xd5, 0xfd, 0xc4, 0xfe]), Buffer.from('\n')]);
    const files: Record<string, Buffer> = {
      'utf8.csv': Buffer.from(utf8Text),
      'bom.csv': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(utf8Text)]),
      'utf16.csv': Buffer.from(`\uFEFF${utf8Text}`, 'utf16le'),
      'gb.csv': Buffer.concat([Buffer.from('id,name\n'), ...Array.from({ length: 20_000 }, (_, k) => gbRow(k))]),
      // Valid UTF-8 for 150 KB, then a byte that is not: the whole file is GB 18030.
      'late.csv': Buffer.concat([Buffer.from(utf8Text), Buffer.from([0x31, 0x2c, 0xd5, 0xfd, 0x0a])]),
    };
    const { decodeText } = await import('@kepu/reports');
    for (const [name, bytes] of Object.entries(files)) {
      await writeFile(join(dir, name), bytes);
      const { text, encoding } = decodeText(bytes);
      const records = readCsvRecords(name, text);
      const table = await readTable(join(dir, name), name);
      expect(table.encoding, name).toBe(encoding);
      expect(table.rows.length, name).toBe(records.length - 1);
      expect(
        table.rows.map((row) => row.name),
        name,
      ).toEqual(records.slice(1).map((r) => r.cells[1]!.trim()));
      expect(table.rowNumbers, name).toEqual(records.slice(1).map((r) => r.line));
    }
    expect((await readTable(join(dir, 'gb.csv'), 'gb.csv')).rows[19_999]).toEqual({ id: '19999', name: '正宁' });
  });
});
