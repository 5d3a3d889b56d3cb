import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// Every public package must be ready for a licence review and for `npm publish`: the MIT notice
// ships with it, its README says how to install it, its manifest carries the metadata a registry
// and an integrator read, and the scoped name publishes publicly.

const root = resolve(import.meta.dirname, '..');

interface Manifest {
  readonly name: string;
  readonly private?: boolean;
  readonly [field: string]: unknown;
}

const publicPackages = readdirSync(join(root, 'packages'))
  .filter((dir) => existsSync(join(root, 'packages', dir, 'package.json')))
  .map((dir) => ({
    dir,
    manifest: JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8')) as Manifest,
  }))
  .filter(({ manifest }) => manifest.private !== true);

describe('public packages are ready to publish', () => {
  it('there are public packages to check, and the private ones are only the internal test helpers', () => {
    expect(publicPackages.length).toBeGreaterThanOrEqual(10);
    expect(publicPackages.map((p) => p.manifest.name)).not.toContain('@kepu/test-utils');
  });

  it('the repository root has the MIT licence', () => {
    const text = readFileSync(join(root, 'LICENSE'), 'utf8');
    expect(text).toMatch(/^MIT License/);
    expect(text).toContain('Kepu contributors');
  });

  describe.each(publicPackages.map((p) => [p.manifest.name, p] as const))('%s', (name, { dir, manifest }) => {
    const at = (file: string) => join(root, 'packages', dir, file);

    it('has the MIT LICENSE file, the same as the root one', () => {
      expect(existsSync(at('LICENSE')), `packages/${dir}/LICENSE`).toBe(true);
      expect(readFileSync(at('LICENSE'), 'utf8')).toBe(readFileSync(join(root, 'LICENSE'), 'utf8'));
    });

    it('has a README with its install line', () => {
      expect(existsSync(at('README.md')), `packages/${dir}/README.md`).toBe(true);
      const readme = readFileSync(at('README.md'), 'utf8');
      expect(readme).toContain(`npm install ${name}`);
    });

    it('installs, in its install lines, every package its examples import (so they run as written)', () => {
      const readme = readFileSync(at('README.md'), 'utf8');
      const installed = new Set(
        [...readme.matchAll(/^npm install (?:--save-dev )?(.+)$/gm)].flatMap((m) =>
          (m[1] as string).replace(/#.*$/, '').trim().split(/\s+/),
        ),
      );
      const imported = new Set(
        [...readme.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].flatMap((block) =>
          [...(block[1] as string).matchAll(/^import .* from '([^']+)';/gm)]
            .map((m) => m[1] as string)
            .filter((id) => !id.startsWith('node:'))
            .map((id) => (id.startsWith('@') ? id.split('/').slice(0, 2) : id.split('/').slice(0, 1)).join('/')),
        ),
      );
      expect([...imported].filter((pkg) => !installed.has(pkg))).toEqual([]);
    });

    it('links to guides that exist in docs/', () => {
      const readme = readFileSync(at('README.md'), 'utf8');
      const guides = [...readme.matchAll(/https:\/\/github\.com\/kepu\/kepu\/blob\/main\/(docs\/[\w-]+\.md)/g)].map(
        (m) => m[1] as string,
      );
      expect(guides.length).toBeGreaterThan(0);
      expect(guides.filter((guide) => !existsSync(join(root, guide)))).toEqual([]);
    });

    it('has the publishing metadata', () => {
      expect(manifest.description).toEqual(expect.any(String));
      expect((manifest.description as string).length).toBeGreaterThan(10);
      expect(manifest.keywords).toEqual(expect.arrayContaining(['kepu']));
      expect(manifest.license).toBe('MIT');
      expect(manifest.author).toBe('Kepu contributors');
      expect(manifest.repository).toEqual({
        type: 'git',
        url: 'https://github.com/kepu/kepu',
        directory: `packages/${dir}`,
      });
      expect(manifest.homepage).toMatch(/^https:\/\/github\.com\/kepu\/kepu\//);
      expect(manifest.bugs).toEqual({ url: 'https://github.com/kepu/kepu/issues' });
    });

    it('publishes publicly (a scoped package is private on npm unless told otherwise)', () => {
      expect(manifest.publishConfig).toMatchObject({ access: 'public' });
    });

    it('ships its LICENSE and README', () => {
      expect(manifest.files).toEqual(expect.arrayContaining(['LICENSE', 'README.md']));
    });

    it('declares whether importing it has side effects', () => {
      expect(manifest.sideEffects === false || Array.isArray(manifest.sideEffects)).toBe(true);
    });
  });
});
