// STYLE.md rule 1, checked mechanically: each runtime folder imports only what runs there.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const nodeBuiltins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

function sourceFiles(dir: string): string[] {
  const abs = join(root, dir);
  let entries: string[];
  try {
    entries = readdirSync(abs);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const path = join(abs, name);
    if (name === 'node_modules' || name === 'dist') return [];
    if (statSync(path).isDirectory()) return sourceFiles(relative(root, path));
    return /\.(ts|tsx|mts)$/.test(name) && !name.endsWith('.d.ts') ? [relative(root, path)] : [];
  });
}

/** Every module specifier a file imports, re-exports or loads dynamically. */
export function importsOf(code: string): string[] {
  const specs: string[] = [];
  const patterns = [
    /\bimport\s+(?:type\s+)?(?:[\w*{}\s,$]+\s+from\s+)?['"]([^'"]+)['"]/g,
    /\bexport\s+(?:type\s+)?[\w*{}\s,$]+\s+from\s+['"]([^'"]+)['"]/g,
    /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\brequire\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const re of patterns) for (const m of code.matchAll(re)) specs.push(m[1]!);
  return specs;
}

function stripComments(code: string): string {
  return code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

function topFolder(file: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const target = relative(root, resolve(root, file, '..', spec));
  return target.split(sep).slice(0, target.startsWith('electron') ? 2 : 1).join('/');
}

describe('process boundaries', () => {
  it('importsOf finds static, type, re-export and dynamic imports', () => {
    const code = `import a from 'x';\nimport type { B } from "y";\nexport * from './z.js';\nconst m = await import('node:fs');`;
    expect(importsOf(code)).toEqual(['x', 'y', './z.js', 'node:fs']);
  });

  it('shared/ is pure TypeScript: no Node, DOM or Electron', () => {
    const files = sourceFiles('shared');
    expect(files.length).toBeGreaterThan(0);
    const offences: string[] = [];
    for (const file of files) {
      const code = stripComments(readFileSync(join(root, file), 'utf8'));
      for (const spec of importsOf(code)) {
        if (nodeBuiltins.has(spec) || spec.startsWith('node:')) offences.push(`${file}: imports ${spec}`);
        if (spec === 'electron' || spec.startsWith('react')) offences.push(`${file}: imports ${spec}`);
        const folder = topFolder(file, spec);
        if (folder !== null && folder !== 'shared') offences.push(`${file}: reaches into ${folder}`);
      }
      const globals = /\b(document|window|navigator|localStorage|sessionStorage|Buffer|__dirname|__filename)\b|\bprocess\.|\brequire\(/;
      code.split('\n').forEach((line, i) => {
        if (globals.test(line.replace(/(['"`]).*?\1/g, ''))) offences.push(`${file}:${i + 1}: uses a Node or DOM global`);
      });
    }
    expect(offences).toEqual([]);
  });

  it('only electron/main and electron/preload import electron', () => {
    const offences: string[] = [];
    for (const dir of ['shared', 'electron', 'renderer', 'test']) {
      for (const file of sourceFiles(dir)) {
        if (/^electron\/(main|preload)\//.test(file.split(sep).join('/'))) continue;
        const code = stripComments(readFileSync(join(root, file), 'utf8'));
        if (importsOf(code).some((s) => s === 'electron' || s.startsWith('electron/'))) offences.push(file);
      }
    }
    // test/electron/ holds the fake-Electron tests: they mock the module, never load it.
    expect(offences.filter((f) => !f.startsWith(`test${sep}electron${sep}`))).toEqual([]);
  });

  it('renderer/ imports only shared/ and browser packages', () => {
    const offences: string[] = [];
    // Build-tool configs (vite.config.mts) run in Node at build time; they are not renderer code.
    const files = sourceFiles('renderer').filter((f) => !/\.config\.m?ts$/.test(f));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const code = stripComments(readFileSync(join(root, file), 'utf8'));
      for (const spec of importsOf(code)) {
        if (nodeBuiltins.has(spec) || spec.startsWith('node:') || spec === 'electron') offences.push(`${file}: ${spec}`);
        const folder = topFolder(file, spec);
        if (folder !== null && folder !== 'renderer' && folder !== 'shared') offences.push(`${file}: reaches into ${folder}`);
      }
    }
    expect(offences).toEqual([]);
  });
});
