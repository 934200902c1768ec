#!/usr/bin/env node
// `npm run bench [-- suite...] [-- --write] [-- --profile]`: builds, runs the benchmark suites of test/bench
// (compiled to dist/test/bench), prints each figure next to its same-run baseline, and with
// --write records the results in docs/benchmarks.md. Long by design: not part of `npm test`.
import { execFileSync, spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const write = args.includes('--write');
// --profile: a CPU profile of each suite's process (node --cpu-prof) in dist/profiles, to open in
// Chrome DevTools: where the time of a figure goes.
const profile = args.includes('--profile');
const only = args.filter((a) => !a.startsWith('--'));
const MARK = '@@bench-figures ';

execFileSync('npx', ['--no-install', 'tsc', '-b'], { cwd: root, stdio: 'inherit' });
const dir = join(root, 'dist/test/bench');
const { formatFigure, markdownRow } = await import(pathToFileURL(join(dir, 'harness.js')).href);
const suites = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.js'))
  .filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)))
  .sort();

// Each suite in a process of its own (scripts/benchSuite.mjs): what one suite leaves behind (a
// 1M-record database's heap and page cache) must not slow the next one down.
const figures = [];
for (const file of suites) {
  process.stdout.write(`\n== ${file}\n`);
  const out = await new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...(profile ? ['--cpu-prof', `--cpu-prof-dir=${join(root, 'dist/profiles')}`] : []), join(root, 'scripts/benchSuite.mjs'), join(dir, file)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let pending = '';
    let marked = '';
    // The suite's own progress lines pass through as they come; the figures line is kept.
    const take = (line) => {
      if (line.startsWith(MARK)) marked = line;
      else if (line) process.stdout.write(`${line}\n`);
    };
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      const lines = (pending + chunk).split('\n');
      pending = lines.pop() ?? '';
      lines.forEach(take);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      take(pending);
      if (code === 0) resolve(marked);
      else reject(new Error(`${file} exited with ${code}`));
    });
  });
  const line = out;
  if (!line) throw new Error(`${file} printed no figures`);
  for (const figure of JSON.parse(line.slice(MARK.length))) {
    figures.push(figure);
    process.stdout.write(`${formatFigure(figure)}\n`);
  }
}

if (write) {
  // Records this run in docs/benchmarks.md. A partial run (named suites) replaces only the rows of
  // the suites it ran; the other suites' rows stay as they were recorded, with their own date.
  const path = join(root, 'docs/benchmarks.md');
  const header = '<!-- bench:start -->';
  const footer = '<!-- bench:end -->';
  const day = new Date().toISOString().slice(0, 10);
  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`;
  let doc = readFileSync(path, 'utf8');
  const start = doc.indexOf(header);
  const end = doc.indexOf(footer);
  const old = start === -1 || end === -1 ? '' : doc.slice(start, end);
  const ran = new Set(figures.map((f) => f.suite));
  const kept = old.split('\n').filter((line) => /^\| [\w-]+ \|/.test(line) && !line.startsWith('| suite |')).filter((line) => !ran.has(line.split('|')[1].trim()));
  // Rows recorded before the `measured` column existed get a dash there.
  const dated = (line) => (line.split('|').length === 8 ? `${line} – |` : line);
  const rows = [...kept.map(dated), ...figures.map((f) => `${markdownRow(f)} ${day} |`)];
  const order = (line) => line.split('|')[1].trim();
  rows.sort((x, y) => order(x).localeCompare(order(y)));
  const table = [
    header,
    `Recorded with \`npm run bench -- --write\` (a suite's rows are replaced when it runs) on ${machine}.`,
    '',
    '| suite | figure | value | baseline (same run) | ratio | goal | measured |',
    '|---|---|---|---|---|---|---|',
    ...rows,
    footer,
  ].join('\n');
  doc = start === -1 || end === -1 ? `${doc.trimEnd()}\n\n${table}\n` : `${doc.slice(0, start)}${table}${doc.slice(end + footer.length)}`;
  writeFileSync(path, doc);
  process.stdout.write(`\nwrote ${path}\n`);
}
