import { describe, expect, it } from 'vitest';
import { throttle, type Timers } from '../../../renderer/src/lib/redraw-throttle';

/** A clock the test moves by hand. */
function manualTimers(): Timers & { advance(ms: number): void } {
  let now = 0;
  let timers: { at: number; fn: () => void; id: number }[] = [];
  let nextId = 0;
  return {
    now: () => now,
    setTimeout(fn, ms) {
      const id = nextId++;
      timers.push({ at: now + ms, fn, id });
      return id;
    },
    clearTimeout(id) {
      timers = timers.filter((t) => t.id !== id);
    },
    advance(ms) {
      now += ms;
      const due = timers.filter((t) => t.at <= now);
      timers = timers.filter((t) => t.at > now);
      for (const t of due) t.fn();
    },
  };
}

describe('redraw throttle', () => {
  it('draws at once, then folds a burst of requests into one trailing redraw per interval', () => {
    const timers = manualTimers();
    let draws = 0;
    const t = throttle(() => draws++, 250, timers);
    t.request();
    expect(draws).toBe(1);
    for (let i = 0; i < 20; i++) t.request();
    expect(draws).toBe(1);
    timers.advance(250);
    expect(draws).toBe(2);
    timers.advance(1000);
    expect(draws).toBe(2);
    t.request();
    expect(draws).toBe(3);
  });

  it('drops the pending redraw when cancelled', () => {
    const timers = manualTimers();
    let draws = 0;
    const t = throttle(() => draws++, 250, timers);
    t.request();
    t.request();
    t.cancel();
    timers.advance(500);
    expect(draws).toBe(1);
  });
});
