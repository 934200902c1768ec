#!/usr/bin/env node
// `npm run bench [-- suite...] [-- --write]`: builds, runs the benchmark suites of test/bench
// (compiled to dist/test/bench), prints each figure next to its same-run baseline, and with
// --write records the results in docs/benchmarks.md. Long by design: not part of `npm test`.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const write = args.includes('--write');
const only = args.filter((a) => !a.startsWith('--'));

execFileSync('npx', ['--no-install', 'tsc', '-b'], { cwd: root, stdio: 'inherit' });
const dir = join(root, 'dist/test/bench');
const { formatFigure, markdownRow } = await import(pathToFileURL(join(dir, 'harness.js')).href);
const suites = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.js'))
  .filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)))
  .sort();

const figures = [];
for (const file of suites) {
  process.stdout.write(`\n== ${file}\n`);
  const mod = await import(pathToFileURL(join(dir, file)).href);
  for (const figure of await mod.run()) {
    figures.push(figure);
    process.stdout.write(`${formatFigure(figure)}\n`);
  }
}

if (write) {
  const path = join(root, 'docs/benchmarks.md');
  const header = '<!-- bench:start -->';
  const footer = '<!-- bench:end -->';
  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`;
  const table = [
    header,
    `Measured with \`npm run bench -- --write\` on ${machine}.`,
    '',
    '| suite | figure | value | baseline (same run) | ratio | goal |',
    '|---|---|---|---|---|---|',
    ...figures.map(markdownRow),
    footer,
  ].join('\n');
  let doc = readFileSync(path, 'utf8');
  const start = doc.indexOf(header);
  const end = doc.indexOf(footer);
  doc = start === -1 || end === -1 ? `${doc.trimEnd()}\n\n${table}\n` : `${doc.slice(0, start)}${table}${doc.slice(end + footer.length)}`;
  // A partial run (named suites) replaces only the rows of those suites would be nicer; keep it
  // simple: a partial run with --write records only what it ran, and says so.
  if (only.length > 0) doc = doc.replace(`Measured with`, `Partial run (${only.join(', ')}). Measured with`);
  writeFileSync(path, doc);
  process.stdout.write(`\nwrote ${path}\n`);
}
