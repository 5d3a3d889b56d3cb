import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validatePlan } from '@kepu/core';
import { zhengningPlan } from '@kepu/plan-zhengning';
import { describe, expect, it } from 'vitest';
import { createMemoryIO } from '../io.js';
import { runCli } from '../main.js';

const SEED = fileURLToPath(new URL('../../../plan-zhengning/source/zhengning-2022-2025.txt', import.meta.url));

async function run(argv: string[], cwd?: string) {
  const io = createMemoryIO(cwd ? { cwd } : {});
  const code = await runCli(argv, io);
  return { code, out: io.out(), err: io.err() };
}

const tasksOf = (plan: typeof zhengningPlan) =>
  plan.parts.flatMap((p) => p.sections.flatMap((s) => s.tasks.map((t) => [t.code, t.leads, t.partners, t.inherited])));

describe('kepu import', () => {
  it('summarises the seed in Chinese: tasks found, units created, diagnostics with line:column', async () => {
    const { code, out, err } = await run(['import', SEED]);
    expect(code).toBe(0);
    expect(err).toBe('');
    expect(out).toContain('正宁县全民科学素质行动计划纲要实施方案（2022—2025年）');
    expect(out).toContain('正政办发〔2022〕 号（序号空缺）');
    expect(out).toContain('33 项任务（其中 2 项继承本节职责）');
    expect(out).toContain('新建 16 个');
    expect(out).toContain('县教育局 → education');
    // The stray 位 of a page break, reported at its line.
    const lines = (await readFile(SEED, 'utf8')).split('\n');
    const at = lines.indexOf('位') + 1;
    expect(out).toContain(`${at}:1`);
    expect(out).toMatch(new RegExp(`${at}:1\\s+提示 \\[debris-dropped\\]`));
    expect(out).toContain('✓ 校验通过');
  });

  it('--json prints the plan, and with --units zhengning its tasks equal the curated plan’s', async () => {
    const { code, out } = await run(['import', SEED, '--json', '--units', 'zhengning', '--county-id', 'zhengning']);
    expect(code).toBe(0);
    const plan = JSON.parse(out);
    expect(validatePlan(plan).ok).toBe(true);
    expect(plan.county.id).toBe('zhengning');
    expect(tasksOf(plan)).toEqual(tasksOf(zhengningPlan));
  });

  it('--out writes the plan and says so; --lang en switches the summary', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kepu-import-'));
    const { code, out } = await run(['import', SEED, '--out', 'plan.json', '--lang', 'en'], dir);
    expect(code).toBe(0);
    expect(out).toContain('33 tasks (2 inherit');
    expect(out).toContain('Wrote plan.json');
    const written = JSON.parse(await readFile(join(dir, 'plan.json'), 'utf8'));
    expect(validatePlan(written).ok).toBe(true);
  });

  it('exits 2 when the result does not validate, still writing the draft and listing each problem', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kepu-import-'));
    // A plan whose task has no responsibility at all: its lead is missing.
    await writeFile(
      join(dir, 'bad.txt'),
      [
        '某某县全民科学素质行动实施方案（2024—2025年）',
        '一、重点任务',
        '（一）青少年科学素质提升行动',
        '1. 加强科学教育。开齐科学课程。',
        '某某县人民政府',
        '2024年1月2日',
        '',
      ].join('\n'),
    );
    const { code, out } = await run(['import', 'bad.txt', '--out', 'draft.json'], dir);
    expect(code).toBe(2);
    expect(out).toContain('✗ 未通过校验');
    expect(out).toContain('[task-without-lead]');
    expect(out).toMatch(/4:1\s+parts\[0\]\.sections\[0\]\.tasks\[0\]\.leads/);
    const draft = JSON.parse(await readFile(join(dir, 'draft.json'), 'utf8'));
    expect(draft.parts[0].sections[0].tasks[0].title).toBe('加强科学教育');
  });

  it('--json on a result that does not validate prints the draft on stdout and the summary on stderr', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kepu-import-'));
    await writeFile(join(dir, 'empty.txt'), '这不是一份实施方案。\n');
    const { code, out, err } = await run(['import', 'empty.txt', '--json'], dir);
    expect(code).toBe(2);
    expect(JSON.parse(out).schemaVersion).toBe(1);
    expect(err).toContain('[no-structure]');
    expect(err).toContain('[title-missing]');
  });

  it('a missing file or an unknown --units is a usage error (exit 2)', async () => {
    const missing = await run(['import', 'no-such-file.txt']);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('无法读取文件');
    const dir = await mkdtemp(join(tmpdir(), 'kepu-import-'));
    await writeFile(join(dir, 'units.json'), '{"x":1}');
    const units = await run(['import', SEED, '--units', 'units.json'], dir);
    expect(units.code).toBe(2);
    expect(units.err).toContain('--units');
  });

  it('is listed in kepu --help', async () => {
    const { out } = await run(['--help']);
    expect(out).toContain('kepu import');
  });
});
