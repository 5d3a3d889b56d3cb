import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { zhengningPlan } from '@kepu/plan-zhengning';
import { describe, expect, it } from 'vitest';
import { createMemoryIO } from '../io.js';
import { runCli } from '../main.js';

async function run(argv: string[], cwd?: string) {
  const io = createMemoryIO(cwd ? { cwd } : {});
  const code = await runCli(argv, io);
  return { code, out: io.out(), err: io.err() };
}

describe('kepu plan show', () => {
  it('prints the Zhengning summary in Chinese: header, targets, all 33 tasks with leads, the matrix', async () => {
    const { code, out, err } = await run(['plan', 'show']);
    expect(code).toBe(0);
    expect(err).toBe('');
    expect(out).toContain(zhengningPlan.meta.title);
    expect(out).toContain('正政办发〔2022〕 号（文号未印全）');
    expect(out).toContain('共 33 项任务');
    for (const part of zhengningPlan.parts) {
      for (const section of part.sections) for (const task of section.tasks) expect(out).toContain(task.code);
    }
    expect(out).toContain('≥ 12%');
    expect(out).toContain('责任矩阵');
    // 四（五）1 and 2 take the section's closing lines.
    expect(out).toMatch(/四（五）1.*承接本节职责/);
  });

  it('matrix rows count the tasks each unit leads', async () => {
    const { out } = await run(['plan', 'show']);
    const led = zhengningPlan.parts
      .flatMap((p) => p.sections.flatMap((s) => s.tasks))
      .filter((t) => t.leads.includes('cast')).length;
    const row = out.split('\n').find((line) => line.startsWith('县科协'));
    expect(row?.trim().endsWith(` ${led}`)).toBe(true);
  });

  it('--json prints the plan as the core schema defines it', async () => {
    const { code, out } = await run(['plan', 'show', '--json']);
    expect(code).toBe(0);
    const plan = JSON.parse(out);
    expect(plan).toEqual(JSON.parse(JSON.stringify(zhengningPlan)));
    const tasks = plan.parts.flatMap((p: { sections: { tasks: unknown[] }[] }) => p.sections.flatMap((s) => s.tasks));
    expect(tasks).toHaveLength(33);
    expect(tasks[0]).toMatchObject({
      path: '3.1.1',
      code: '三（一）1',
      leads: ['education', 'youth-league'],
      inherited: false,
    });
  });

  it('--lang en switches the labels to English', async () => {
    const { out } = await run(['plan', 'show', '--lang', 'en']);
    expect(out).toContain('33 tasks');
    expect(out).toContain('Responsibility matrix');
    expect(out).not.toContain('责任矩阵');
  });

  it('reads a plan from a JSON file and rejects an unknown plan name with exit code 2', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kepu-cli-'));
    await writeFile(join(dir, 'p.json'), JSON.stringify(zhengningPlan));
    expect((await run(['plan', 'show', '--plan', 'p.json', '--json'], dir)).code).toBe(0);
    const unknown = await run(['plan', 'show', '--plan', 'atlantis']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('未知计划“atlantis”');
  });
});

describe('kepu validate', () => {
  it('accepts a valid plan file and lists every problem of a broken one with its path', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kepu-cli-'));
    await writeFile(join(dir, 'ok.json'), JSON.stringify(zhengningPlan));
    const ok = await run(['validate', 'ok.json'], dir);
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('校验通过');

    const broken = structuredClone(zhengningPlan) as unknown as {
      parts: { sections: { tasks: { leads: string[] }[] }[] }[];
      targets: { links: string[] }[];
    };
    broken.parts[2]!.sections[0]!.tasks[1]!.leads = ['county-edu'];
    broken.targets[0]!.links = [];
    await writeFile(join(dir, 'broken.json'), JSON.stringify(broken));
    const bad = await run(['validate', 'broken.json'], dir);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('发现 2 处问题');
    expect(bad.err).toContain('parts[2].sections[0].tasks[1].leads[0] [unknown-org-unit]');
    expect(bad.err).toContain('[target-unlinked]');

    const json = await run(['validate', 'broken.json', '--json', '--lang', 'en'], dir);
    expect(JSON.parse(json.out).issues).toHaveLength(2);
  });

  it('a missing file or invalid JSON is bad input (exit 2) with the reason', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kepu-cli-'));
    await writeFile(join(dir, 'bad.json'), '{ not json');
    expect(await run(['validate', 'nope.json'], dir)).toMatchObject({ code: 2 });
    const bad = await run(['validate', 'bad.json', '--lang', 'en'], dir);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('is not valid JSON');
  });
});

describe('usage', () => {
  it('help lists commands and exit codes; a command’s --help shows its options', async () => {
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.out).toContain('kepu plan show');
    expect(help.out).toContain('退出码');
    const planHelp = await run(['plan', 'show', '--help', '--lang', 'en']);
    expect(planHelp.out).toContain('--plan <value>');
  });

  it('unknown commands, unknown options, bad choices and missing arguments exit 2', async () => {
    expect((await run(['frobnicate'])).code).toBe(2);
    expect((await run(['plan', 'show', '--colour'])).code).toBe(2);
    expect((await run(['plan', 'show', '--lang', 'fr'])).code).toBe(2);
    const missing = await run(['validate']);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('缺少参数 <plan.json>');
  });

  it('runs as a real process through its bin entry', async () => {
    const root = resolve(import.meta.dirname, '../../../..');
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--conditions=source', '--import', 'tsx', 'packages/cli/src/bin.ts', 'plan', 'show', '--json'],
      { cwd: root, maxBuffer: 32 * 1024 * 1024 },
    );
    expect(JSON.parse(stdout).id).toBe(zhengningPlan.id);
  });
});
