import { describe, expect, it } from 'vitest';
import { ChartQueue } from '../../../renderer/src/lib/chart-queue';

/** A scheduler whose tasks run only when the test says, one per call. */
function manualTasks() {
  const tasks: (() => void)[] = [];
  return {
    scheduler: { setTimeout: (fn: () => void) => tasks.push(fn) },
    runTask: (): boolean => {
      const t = tasks.shift();
      t?.();
      return t !== undefined;
    },
    get waiting() {
      return tasks.length;
    },
  };
}

describe('chart-queue: one chart per task', () => {
  it('runs queued jobs in order, one per task, never inside queue()', () => {
    const m = manualTasks();
    const q = new ChartQueue(m.scheduler);
    const ran: string[] = [];
    q.queue(() => ran.push('a'));
    q.queue(() => ran.push('b'));
    q.queue(() => ran.push('c'));
    expect(ran).toEqual([]);
    expect(m.waiting).toBe(1);
    m.runTask();
    expect(ran).toEqual(['a']);
    m.runTask();
    expect(ran).toEqual(['a', 'b']);
    m.runTask();
    expect(ran).toEqual(['a', 'b', 'c']);
    expect(m.runTask()).toBe(false);
  });

  it('queues a job once while it waits, and again after it ran', () => {
    const m = manualTasks();
    const q = new ChartQueue(m.scheduler);
    let draws = 0;
    const draw = (): void => void draws++;
    q.queue(draw);
    q.queue(draw);
    expect(q.pending).toBe(1);
    m.runTask();
    expect(draws).toBe(1);
    q.queue(draw);
    m.runTask();
    expect(draws).toBe(2);
  });

  it('drops a cancelled job (a chart unmounted before its turn) and goes on with the rest', () => {
    const m = manualTasks();
    const q = new ChartQueue(m.scheduler);
    const ran: string[] = [];
    const cancel = q.queue(() => ran.push('gone'));
    q.queue(() => ran.push('kept'));
    cancel();
    while (m.runTask());
    expect(ran).toEqual(['kept']);
  });

  it('keeps running the queue after a job throws', () => {
    const m = manualTasks();
    const q = new ChartQueue(m.scheduler);
    const ran: string[] = [];
    q.queue(() => {
      throw new Error('bad chart');
    });
    q.queue(() => ran.push('next'));
    expect(() => m.runTask()).toThrow('bad chart');
    while (m.runTask());
    expect(ran).toEqual(['next']);
  });
});
