#!/usr/bin/env node
// Runs one compiled benchmark suite (dist/test/bench/<name>.bench.js) and hands its figures to
// scripts/bench.mjs as one marked JSON line. Each suite runs in a fresh process: a suite that
// follows the 1M-record search in the same process ran up to 15 % slower (its heap and page cache).
import { pathToFileURL } from 'node:url';

const file = process.argv[2];
if (!file) throw new Error('usage: benchSuite.mjs <compiled suite file>');
const mod = await import(pathToFileURL(file).href);
const figures = await mod.run();
process.stdout.write(`\n@@bench-figures ${JSON.stringify(figures)}\n`);
