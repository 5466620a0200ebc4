/**
 * processAllAvailable() resolves only after a trigger that started listing after the call
 * has found nothing new (Spark's StreamExecution.processAllAvailable: everything available
 * at the time of the call is processed). A trigger already past its listing when the call
 * comes cannot have seen data added just before the call.
 */
import { afterEach, expect, it } from 'vitest';
import type { Offset } from '../../../engine/io/source';
import { MemoryStream, RecordingSink, passThroughPlan, startTestQuery, type TestQuery } from './stream-fixtures';

/** A MemoryStream whose listing can be held open, to put a trigger "in flight". */
class SlowListingStream extends MemoryStream {
  private gate: Promise<void> | null = null;
  private release: () => void = () => undefined;
  listingStarted: () => void = () => undefined;

  holdNextListing(): Promise<void> {
    this.gate = new Promise((r) => (this.release = r));
    return new Promise((r) => (this.listingStarted = r));
  }
  releaseListing(): void {
    this.release();
  }
  override async latestOffset(): Promise<Offset | null> {
    const gate = this.gate;
    if (gate !== null) {
      this.gate = null;
      // List first (what the folder held then), then stall before answering.
      const seen = await super.latestOffset();
      this.listingStarted();
      await gate;
      return seen;
    }
    return super.latestOffset();
  }
}

let running: TestQuery | null = null;
afterEach(async () => {
  await running?.query.stop();
  running = null;
});

it('data added while a trigger is listing is processed before processAllAvailable resolves', async () => {
  const source = new SlowListingStream();
  const sink = new RecordingSink();
  running = startTestQuery({ plan: passThroughPlan(), source, sink });
  source.addData([{ value: 1 }]);
  await running.query.processAllAvailable();

  const listing = source.holdNextListing();
  // A first call wakes the idle loop into a trigger that lists (nothing new), then stalls.
  const first = running.query.processAllAvailable();
  await listing;
  source.addData([{ value: 2 }]); // arrives after that listing
  const second = running.query.processAllAvailable();
  source.releaseListing();
  await Promise.all([first, second]);

  expect(sink.calls.flatMap((c) => c.rows.map((r) => r.value))).toEqual([1, 2]);
});
