/**
 * Starts crash-worker.ts as a child process and follows its phase lines. `ended` resolves
 * on 'close' (not 'exit'), when every line the child wrote has been read, so `lastPhase`
 * is the phase the child was in when it died.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DONE_LINE, type WorkerConfig } from './worker-config';
import { PHASE_LINE, type CrashPhase } from './phase-probe';

const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');
const WORKER = resolve(ROOT, 'test/faults/crash-worker.ts');

export interface WorkerEnd {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly lastPhase: CrashPhase | null;
  readonly done: boolean;
  readonly stderr: string;
}

export class WorkerProcess {
  private readonly child: ChildProcess;
  private phaseListener: (phase: CrashPhase) => void = () => undefined;
  private lastPhase: CrashPhase | null = null;
  private done = false;
  private stderr = '';
  readonly ended: Promise<WorkerEnd>;

  constructor(cfg: WorkerConfig) {
    this.child = spawn(process.execPath, ['--import', 'tsx', WORKER, JSON.stringify(cfg)], {
      cwd: ROOT,
      env: { ...process.env, TZ: 'UTC' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let pending = '';
    this.child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      pending += chunk;
      let nl: number;
      while ((nl = pending.indexOf('\n')) >= 0) {
        this.line(pending.slice(0, nl));
        pending = pending.slice(nl + 1);
      }
    });
    this.child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      this.stderr = (this.stderr + chunk).slice(-8000);
    });
    this.ended = new Promise((resolveEnd, rejectEnd) => {
      this.child.on('error', rejectEnd);
      this.child.on('close', (code, signal) =>
        resolveEnd({
          code,
          signal,
          lastPhase: this.lastPhase,
          done: this.done,
          stderr: this.stderr,
        }),
      );
    });
  }

  /** Called with each phase the child enters. */
  onPhase(listener: (phase: CrashPhase) => void): void {
    this.phaseListener = listener;
  }

  kill(): void {
    this.child.kill('SIGKILL');
  }

  private line(text: string): void {
    if (text.startsWith(PHASE_LINE)) {
      this.lastPhase = text.slice(PHASE_LINE.length) as CrashPhase;
      this.phaseListener(this.lastPhase);
    } else if (text === DONE_LINE) {
      this.done = true;
    }
  }
}
