import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** A path inside the project root (the folder with package.json), from src/ under ts-jest or dist/src/ alike. */
export function projectPath(...parts: string[]): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return join(dir, ...parts);
}
