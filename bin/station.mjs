#!/usr/bin/env node
// The `station` command (package bin). The TypeScript is built by `npm ci` (prepare: tsc -b).
import { main } from '../dist/electron/cli/main.js';

await main();
