/**
 * prepareRunScript: the exported script gains the progress loop (StreamingQuery.recentProgress
 * printed as TIDEMARK_PROGRESS lines) in place of awaitTermination(), and `.remote(url)` in
 * the SparkSession builder for Spark Connect.
 */
import { describe, expect, it } from 'vitest';
import { IllegalArgumentException } from '../../../engine/errors';
import {
  parseProgressLine,
  prepareRunScript,
  PROGRESS_PREFIX,
} from '../../../engine/export/spark-run-script';
import { toPySpark } from '../../../engine/export/to-pyspark';
import { activityCountQuery, labSource } from './lab-queries';

const exported = toPySpark(activityCountQuery(labSource('/data/iot')));

describe('prepareRunScript', () => {
  it('replaces the closing awaitTermination() with the progress loop, defined before the session', () => {
    const script = prepareRunScript(exported);
    const lines = script.split('\n');
    expect(exported).toContain('\nactivity_count_query.awaitTermination()');
    expect(script).not.toContain('activity_count_query.awaitTermination()');
    expect(lines).toContain('_tidemark_follow(activity_count_query)');
    const defined = lines.indexOf('def _tidemark_follow(query, poll_seconds=0.5):');
    expect(defined).toBeGreaterThan(0);
    expect(defined).toBeLessThan(lines.indexOf('spark = ('));
    expect(script).toContain('for progress in query.recentProgress:');
    expect(script).toContain(
      `print(${JSON.stringify(PROGRESS_PREFIX)} + as_json(progress), flush=True)`,
    );
    expect(script).not.toContain('.remote(');
  });

  it('adds .remote(url) right after SparkSession.builder for Spark Connect', () => {
    const lines = prepareRunScript(exported, 'sc://spark.example:15002').split('\n');
    const builder = lines.indexOf('    SparkSession.builder');
    expect(lines[builder + 1]).toBe('    .remote("sc://spark.example:15002")');
  });

  it('refuses a script that starts no streaming query', () => {
    expect(() => prepareRunScript('print(1)\n')).toThrow(IllegalArgumentException);
    expect(() => prepareRunScript('print(1)\n')).toThrow('no awaitTermination() line');
  });
});

describe('parseProgressLine', () => {
  it('parses the JSON after the prefix and ignores every other line', () => {
    expect(parseProgressLine(`${PROGRESS_PREFIX}{"batchId":0,"numInputRows":120}`)).toEqual({
      batchId: 0,
      numInputRows: 120,
    });
    expect(
      parseProgressLine('26/11/24 19:29:16 INFO SparkContext: Running Spark version 4.1.4'),
    ).toBeNull();
    expect(parseProgressLine(`${PROGRESS_PREFIX}{truncated`)).toBeNull();
    expect(parseProgressLine(`${PROGRESS_PREFIX}[1]`)).toBeNull();
  });
});

describe('parseProgressLine', () => {
  it("derives the query-wide totals the Spark Connect client's progress JSON leaves out", () => {
    const line =
      PROGRESS_PREFIX +
      JSON.stringify({
        batchId: 3,
        sources: [
          { numInputRows: 7, inputRowsPerSecond: 1.5, processedRowsPerSecond: 2 },
          { numInputRows: 5, inputRowsPerSecond: 0.5, processedRowsPerSecond: 1 },
        ],
      });
    expect(parseProgressLine(line)).toMatchObject({
      numInputRows: 12,
      inputRowsPerSecond: 2,
      processedRowsPerSecond: 3,
    });
    // Classic progress keeps its own values.
    expect(
      parseProgressLine(PROGRESS_PREFIX + '{"numInputRows":1,"sources":[{"numInputRows":9}]}'),
    ).toMatchObject({ numInputRows: 1 });
  });
});
