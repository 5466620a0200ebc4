/**
 * The files each step publishes, named and timed the same for both engines. Modification
 * times are set explicitly, a second apart in step order: file sources order new files by
 * modification time (FileStreamSource sorts by it; maxFilesPerTrigger takes the oldest
 * first), and times an hour in the past pass Tidemark's fileStableMs check at once.
 */
import { fileText, type Scenario } from './scenario';

export interface StepFile {
  readonly name: string;
  readonly text: string;
  readonly mtimeMs: number;
}

export function stepFiles(scenario: Scenario, baseMs: number): StepFile[][] {
  let n = 0;
  return scenario.steps.map((step, s) =>
    step.files.map((lines, f) => ({
      name: `step-${String(s).padStart(3, '0')}-file-${String(f).padStart(2, '0')}.${scenario.format ?? 'json'}`,
      text: fileText(lines),
      mtimeMs: baseMs + 1000 * n++,
    })),
  );
}

/** A base time an hour ago, whole seconds (some filesystems keep coarse mtimes). */
export function defaultBaseMs(): number {
  return Math.floor(Date.now() / 1000) * 1000 - 3_600_000;
}
