/**
 * `npm run test:faults`: the long crash campaign (issue 7), at least 100 SIGKILLs per
 * query, each followed by a restart from the checkpoint; prints one line per kill and a
 * summary per query (kills, restarts, rows expected, rows found, duplicates, missing) and
 * exits 1 unless every query's output equals its uninterrupted run.
 *
 *   npm run test:faults                      # seed 7, 100 kills per query
 *   npm run test:faults -- --seed 42 --kills 150 --query windowed
 *   TIDEMARK_FAULTS_SEED=42 npm run test:faults
 *
 * Not part of `npm test` (its file name does not end in .test.ts); the short campaign is.
 */
import { parseArgs } from 'node:util';
import { formatSummary, runCrashCampaign, type CampaignSummary } from './crash-campaign';
import type { CrashQueryName } from './crash-queries';

const MIN_KILLS = 100;

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: process.env.TIDEMARK_FAULTS_SEED ?? '7' },
    kills: { type: 'string', default: String(MIN_KILLS) },
    query: { type: 'string', multiple: true, default: ['stateless', 'windowed'] },
  },
});
const seed = Number(values.seed);
const kills = Number(values.kills);
if (!Number.isInteger(seed) || !Number.isInteger(kills) || kills < 1) {
  console.error(`--seed and --kills must be whole numbers (got ${values.seed}, ${values.kills})`);
  process.exit(2);
}

function failures(s: CampaignSummary): string[] {
  const out: string[] = [];
  if (s.rowsExpected === 0) out.push('the uninterrupted run wrote no rows');
  const u = s.uninterrupted;
  if (u.duplicates + u.missing + u.unexpected > 0)
    out.push(`the uninterrupted run differs from the reference: ${u.examples.join('; ')}`);
  if (s.duplicates + s.missing + s.unexpected > 0) out.push(s.examples.join('; '));
  if (s.uncommittedFilesLeft > 0) out.push(`${s.uncommittedFilesLeft} uncommitted part files left`);
  return out;
}

let failed = false;
const summaries: string[] = [];
for (const query of values.query as CrashQueryName[]) {
  const started = Date.now();
  const summary = await runCrashCampaign({
    query,
    kills,
    seed,
    log: (line) => console.log(`  ${query} ${line}`),
  });
  const line = `${formatSummary(summary)} (${Math.round((Date.now() - started) / 1000)} s)`;
  summaries.push(line);
  console.log(line);
  for (const f of failures(summary)) {
    failed = true;
    console.error(`  FAILED ${query}: ${f}`);
  }
}
console.log(`\n${summaries.join('\n')}`);
if (kills < MIN_KILLS)
  console.log(`(a short run: the campaign's bar is ${MIN_KILLS} kills per query)`);
process.exit(failed ? 1 : 0);
