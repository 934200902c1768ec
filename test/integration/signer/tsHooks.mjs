// Module hooks for tsLoader.mjs: `./x.js` resolves to `./x.ts` when only the source exists, and
// .ts files are stripped of types with the oxc transformer vitest's toolchain already ships.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { transformSync } from 'rolldown/experimental';

export async function resolve(specifier, context, next) {
  try {
    return await next(specifier, context);
  } catch (err) {
    const relative = specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('file:');
    if (relative && specifier.endsWith('.js')) return next(specifier.slice(0, -3) + '.ts', context);
    throw err;
  }
}

export async function load(url, context, next) {
  if (!url.startsWith('file:') || !url.endsWith('.ts')) return next(url, context);
  const filename = fileURLToPath(url);
  const result = transformSync(filename, readFileSync(filename, 'utf8'), { lang: 'ts', sourceType: 'module' });
  if (result.errors?.length) throw new Error(`${filename}: ${result.errors.map((e) => e.message).join('; ')}`);
  return { format: 'module', source: result.code, shortCircuit: true };
}
