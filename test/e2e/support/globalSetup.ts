// The tests serve the built renderer: refuse to start (with the command to run) when it is missing.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export default function globalSetup(): void {
  const index = resolve(import.meta.dirname, '../../../dist/renderer/index.html');
  if (!existsSync(index)) throw new Error(`${index} is missing: run \`npx vite build -c renderer/vite.config.mts\` first`);
}
