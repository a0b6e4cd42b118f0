import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

const isRoot = (dir: string) => existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'fhir-profiles'));

/** A path inside the project root (package.json beside fhir-profiles/), from src/ under Jest or dist/src/ alike. */
export function projectPath(...parts: string[]): string {
  let dir = __dirname;
  while (!isRoot(dir) && dirname(dir) !== dir) dir = dirname(dir);
  return join(dir, ...parts);
}
