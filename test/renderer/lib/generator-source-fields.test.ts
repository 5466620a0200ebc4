import { describe, expect, it } from 'vitest';
import { generatorFormat, switchFormat } from '../../../renderer/src/lib/generator-source-fields';

const fileSetup = {
  path: '/data/iot',
  format: 'json',
  schema: 'a INT',
  options: { multiLine: 'true' },
};

describe('generator source fields', () => {
  it('switching to rate clears the folder and schema and starts from runnable options', () => {
    expect(switchFormat(fileSetup, 'rate')).toEqual({
      path: '',
      format: 'rate',
      schema: null,
      options: { rowsPerSecond: '10' },
    });
    expect(switchFormat(fileSetup, 'socket').options).toEqual({ host: 'localhost', port: '9999' });
  });

  it('switching back to a file format drops the generator options, and file to file keeps them', () => {
    const socket = switchFormat(fileSetup, 'socket');
    expect(switchFormat(socket, 'csv')).toEqual({
      path: '',
      format: 'csv',
      schema: null,
      options: {},
    });
    expect(switchFormat(fileSetup, 'csv').options).toEqual({ multiLine: 'true' });
  });

  it('shows the socket schema that includeTimestamp picks (any case)', () => {
    const socket = generatorFormat('SOCKET');
    expect(socket?.schema({ IncludeTimestamp: 'TRUE' })).toBe('value STRING, timestamp TIMESTAMP');
    expect(socket?.schema({})).toBe('value STRING');
    expect(generatorFormat('json')).toBeUndefined();
  });
});
