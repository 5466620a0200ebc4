/**
 * One small value a generator source keeps under its checkpoint folder
 * (`<checkpoint>/sources/<i>/<name>`), written whole through a temp file and a rename so a
 * crash leaves the old value or the new one, never half of one (HDFSMetadataLog's rule).
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export class SourceStateFile {
  private readonly path: string;

  constructor(
    private readonly dir: string,
    readonly name: string,
  ) {
    this.path = join(dir, name);
  }

  /** The stored text, or undefined when the file was never written. */
  read(): string | undefined {
    try {
      return readFileSync(this.path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
  }

  write(text: string): void {
    mkdirSync(this.dir, { recursive: true });
    const temp = join(this.dir, `.${this.name}.tmp`);
    writeFileSync(temp, text);
    renameSync(temp, this.path);
  }
}
