/**
 * The short crash campaign, part of `npm test` (issue 7): each query is killed with SIGKILL
 * at aimed moments, restarted from its checkpoint each time, and its committed output must
 * equal an uninterrupted run's. The long campaign (≥ 100 kills per query) is
 * `npm run test:faults` (run-long-campaign.ts). TIDEMARK_FAULTS_SEED replays a campaign.
 */
import { describe, expect, it } from 'vitest';
import { formatSummary, runCrashCampaign } from './crash-campaign';
import type { CrashQueryName } from './crash-queries';

const SEED = Number(process.env.TIDEMARK_FAULTS_SEED ?? 7);
/**
 * 28 kills in all (the short campaign's bar is 25): each costs about one process start, so
 * this stays under a minute on 2 cores. The timeout below only guards a hung campaign.
 */
const KILLS: Readonly<Record<CrashQueryName, number>> = { stateless: 16, windowed: 12 };

describe('crash campaign (short)', () => {
  it.each<[CrashQueryName, string]>([
    ['stateless', 'filter + select → json file sink, append'],
    ['windowed', 'windowed count with watermark → json file sink, append (needs state restore)'],
  ])(
    '%s: %s — output after every restart equals an uninterrupted run',
    { timeout: 240_000 },
    async (query) => {
      const summary = await runCrashCampaign({ query, kills: KILLS[query], seed: SEED });
      console.log(formatSummary(summary));

      expect(summary.kills).toBe(KILLS[query]);
      // The uninterrupted run is itself checked against the reference computed from the input.
      expect(summary.uninterrupted).toMatchObject({ duplicates: 0, missing: 0, unexpected: 0 });
      expect(summary.rowsExpected).toBeGreaterThan(0);
      expect(summary).toMatchObject({
        rowsFound: summary.rowsExpected,
        duplicates: 0,
        missing: 0,
        unexpected: 0,
        uncommittedFilesLeft: 0,
      });
      // Kills aimed at different phases land in different phases, not all at one moment.
      expect(Object.keys(summary.killsByPhase).length).toBeGreaterThanOrEqual(3);
    },
  );
});
