import { describe, expect, it } from 'vitest';
import type { Timers } from '../../../renderer/src/lib/draft-requests';
import { AutosaveTimer } from '../../../renderer/src/lib/workspace-autosave';

function manualTimers() {
  let now = 0;
  const due = new Map<number, { at: number; run: () => void }>();
  let next = 1;
  const timers: Timers = {
    set: (run, ms) => {
      due.set(next, { at: now + ms, run });
      return next++;
    },
    clear: (h) => void due.delete(h as number),
  };
  return {
    timers,
    advance(ms: number) {
      now += ms;
      for (const [h, t] of [...due]) {
        if (t.at > now) continue;
        due.delete(h);
        t.run();
      }
    },
  };
}
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('AutosaveTimer', () => {
  it('saves once within the interval after a burst of changes, not per change', async () => {
    const clock = manualTimers();
    let saves = 0;
    const t = new AutosaveTimer(async () => void saves++, 5000, clock.timers);
    t.changed();
    clock.advance(2000);
    t.changed();
    clock.advance(2000);
    t.changed();
    expect(saves).toBe(0);
    clock.advance(1000);
    await settle();
    expect(saves).toBe(1);
    clock.advance(10_000);
    await settle();
    expect(saves).toBe(1);
  });

  it('saves at once on flush, and not at all after cancel', async () => {
    const clock = manualTimers();
    let saves = 0;
    const t = new AutosaveTimer(async () => void saves++, 5000, clock.timers);
    t.changed();
    await t.flush();
    expect(saves).toBe(1);
    await t.flush();
    expect(saves).toBe(1);
    t.changed();
    t.cancel();
    clock.advance(5000);
    await settle();
    expect(saves).toBe(1);
    expect(t.hasPending).toBe(false);
  });

  it('tries a failed save again later', async () => {
    const clock = manualTimers();
    const results = [false, true];
    let attempts = 0;
    const t = new AutosaveTimer(
      async () => {
        attempts++;
        if (!results.shift()) throw new Error('disk full');
      },
      5000,
      clock.timers,
    );
    t.changed();
    await t.flush();
    expect(attempts).toBe(1);
    expect(t.hasPending).toBe(true);
    clock.advance(5000);
    await settle();
    await settle();
    expect(attempts).toBe(2);
    expect(t.hasPending).toBe(false);
  });
});
