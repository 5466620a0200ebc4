/**
 * The source setup with a source that reads no folder (rate, rate-micro-batch, socket):
 * the request check lets its path be empty, the draft becomes a streaming DataFrame with
 * the source's own schema, and a bad option is reported on the `options` field.
 */
import { describe, expect, it } from 'vitest';
import { pathsOfRequest } from '../../../main/request-paths';
import { draftSource } from '../../../engine/service/draft-source';
import { requestProblem } from '../../../engine/service/validate-request';
import { Session } from '../../../engine/session';

const session = Session.builder().appName('draft-source-generators').getOrCreate();
const setup = (format: string, options: Record<string, string>, path = '') => ({
  path,
  format,
  schema: null,
  options,
});

describe('source setup for rate, rate-micro-batch and socket', () => {
  it('accepts an empty path only for the formats that read no folder', () => {
    const preview = (s: ReturnType<typeof setup>) =>
      requestProblem({ type: 'previewSource', id: 1, setup: s, maxRows: 10 });
    expect(preview(setup('rate', {}))).toBeNull();
    expect(preview(setup('socket', { host: 'localhost', port: '9999' }))).toBeNull();
    expect(preview(setup('json', {}))).toBe('previewSource: `setup`.path must be an absolute path');
  });

  it('asks the host to grant no path for them', () => {
    expect(
      pathsOfRequest({ type: 'previewSource', setup: setup('rate', {}), maxRows: 10 }),
    ).toEqual([]);
  });

  it('drafts a streaming DataFrame with the fixed schema and a format-named source id', () => {
    const rate = draftSource(session, setup('rate', { rowsPerSecond: '5' }));
    expect(rate.ok).toBe(true);
    if (!rate.ok) return;
    expect(rate.df.schema.toDDL()).toBe('`timestamp` TIMESTAMP, `value` BIGINT');
    expect(rate.df.plan).toMatchObject({
      op: 'source',
      id: 'rate',
      format: 'rate',
      streaming: true,
    });
    const socket = draftSource(
      session,
      setup('socket', { host: 'localhost', port: '9999', includeTimestamp: 'true' }),
    );
    expect(socket.ok && socket.df.schema.toDDL()).toBe('`value` STRING, `timestamp` TIMESTAMP');
  });

  it('reports Spark’s option errors on the options field, a foreign schema on the schema field', () => {
    const bad = draftSource(session, setup('rate-micro-batch', {}));
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.field).toBe('options');
    expect(String(bad.error)).toContain("The option 'rowsPerBatch' must be positive");
    const schema = draftSource(session, { ...setup('rate', {}), schema: 'x INT' });
    expect(!schema.ok && schema.field).toBe('schema');
  });
});
