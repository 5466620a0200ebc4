import { describe, expect, it } from 'vitest';
import { LatestRequest, type Outcome, type Timers } from '../../../renderer/src/lib/draft-requests';

/** Timers driven by hand: run() fires what is due. */
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

/** A request whose answers the test releases in any order. */
function deferredSend() {
  const calls: { input: string; resolve: (v: string) => void; reject: (e: Error) => void }[] = [];
  const send = (input: string) =>
    new Promise<string>((resolve, reject) => calls.push({ input, resolve, reject }));
  return { send, calls };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('LatestRequest', () => {
  it('sends once typing pauses, with the last input only', async () => {
    const clock = manualTimers();
    const { send, calls } = deferredSend();
    const seen: Outcome<string, string>[] = [];
    const r = new LatestRequest(send, (o) => seen.push(o), 250, clock.timers);
    r.schedule('a');
    clock.advance(100);
    r.schedule('ab');
    clock.advance(200);
    expect(calls).toEqual([]);
    expect(r.busy).toBe(true);
    clock.advance(50);
    expect(calls.map((c) => c.input)).toEqual(['ab']);
    calls[0].resolve('answer ab');
    await flush();
    expect(seen).toEqual([{ ok: true, input: 'ab', value: 'answer ab' }]);
    expect(r.busy).toBe(false);
  });

  it('drops a slow answer to an older input', async () => {
    const clock = manualTimers();
    const { send, calls } = deferredSend();
    const seen: Outcome<string, string>[] = [];
    const r = new LatestRequest(send, (o) => seen.push(o), 10, clock.timers);
    r.schedule('old');
    clock.advance(10);
    const fresh = r.now('new');
    calls[1].resolve('new answer');
    calls[0].resolve('old answer');
    expect(await fresh).toBe('new answer');
    await flush();
    expect(seen).toEqual([{ ok: true, input: 'new', value: 'new answer' }]);
  });

  it('delivers failures as outcomes and rejects now()', async () => {
    const clock = manualTimers();
    const { send, calls } = deferredSend();
    const seen: Outcome<string, string>[] = [];
    const r = new LatestRequest(send, (o) => seen.push(o), 10, clock.timers);
    const p = r.now('bad');
    calls[0].reject(new Error('PATH_NOT_FOUND'));
    await expect(p).rejects.toThrow('PATH_NOT_FOUND');
    expect(seen[0]).toMatchObject({ ok: false, input: 'bad' });
    r.schedule('later');
    r.cancel();
    clock.advance(10);
    expect(calls.length).toBe(1);
  });
});
