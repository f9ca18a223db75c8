// The repository's own folder, found from wherever this code runs: from its sources (ts-jest) or compiled into
// dist/. The nearest folder up that holds package.json.
import { existsSync } from 'node:fs';
import path from 'node:path';

export function repositoryRoot(): string {
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) {
    dir = path.dirname(dir);
  }
  return dir;
}
