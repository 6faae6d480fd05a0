import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Scratch folders for one suite: `make()` in a test, `removeAll()` in the suite's `after`. */
export class TempDirs {
  private readonly made: string[] = [];

  make(prefix = 'kuemmerer-test-'): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    this.made.push(dir);
    return dir;
  }

  /** Writes a file of this name into a fresh folder and returns its path. */
  fileWith(name: string, content: string | Buffer): string {
    const file = path.join(this.make(), name);
    fs.writeFileSync(file, content);
    return file;
  }

  removeAll(): void {
    for (const dir of this.made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  }
}
