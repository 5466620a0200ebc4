import { describe, expect, it } from 'vitest';
import { inferSchema } from '../../../../engine/io/formats/registry';

const conf = { timeZone: 'UTC', columnNameOfCorruptRecord: '_corrupt_record' };
const files = (...texts: string[]) => texts.map((t, i) => ({ path: `f${i}`, data: new TextEncoder().encode(t) }));
const ddl = (format: string, texts: string[], options: Record<string, string> = {}) => inferSchema(format, files(...texts), options, conf).toDDL();

describe('JSON schema inference (JsonInferSchema, JsonSuite "Type promotion")', () => {
  it("infers the lab's record: bigint for integers, double for floats, fields sorted by name", () => {
    const lab =
      '{"Arrival_Time":1424686735175,"Creation_Time":1424686733176178965,"Device":"nexus4_1","Index":35,"Model":"nexus4","User":"g","gt":"stand","x":0.0014038086,"y":5.0354E-4,"z":-0.0124053955}';
    expect(ddl('json', [lab])).toBe(
      '`Arrival_Time` BIGINT, `Creation_Time` BIGINT, `Device` STRING, `Index` BIGINT, `Model` STRING, `User` STRING, `gt` STRING, `x` DOUBLE, `y` DOUBLE, `z` DOUBLE',
    );
  });

  it('widens conflicting types across records and files', () => {
    expect(ddl('json', ['{"a":1,"b":true,"c":1}\n{"a":1.5,"b":"x"}', '{"c":null,"d":null}'])).toBe('`a` DOUBLE, `b` STRING, `c` BIGINT, `d` STRING');
  });

  it('nested structs merge; arrays take the merged element type', () => {
    const schema = inferSchema('json', files('{"s":{"b":1},"arr":[1,2.5]}\n{"s":{"a":"x"},"arr":[]}'), {}, conf);
    expect(schema.simpleString()).toBe('struct<arr:array<double>,s:struct<a:string,b:bigint>>');
  });

  it('integers beyond a long become decimal', () => {
    expect(ddl('json', ['{"n":92233720368547758070}'])).toBe('`n` DECIMAL(20,0)');
  });

  it('timestamps only with inferTimestamp', () => {
    expect(ddl('json', ['{"t":"2015-02-23T10:18:55Z"}'])).toBe('`t` STRING');
    expect(ddl('json', ['{"t":"2015-02-23T10:18:55Z"}'], { inferTimestamp: 'true' })).toBe('`t` TIMESTAMP');
  });

  it('malformed lines add the corrupt-record column in PERMISSIVE, not in DROPMALFORMED', () => {
    expect(ddl('json', ['{"a":1}\n{bad\n42'])).toBe('`_corrupt_record` STRING, `a` BIGINT');
    expect(ddl('json', ['{"a":1}\n{bad'], { mode: 'DROPMALFORMED' })).toBe('`a` BIGINT');
    expect(() => ddl('json', ['{"a":1}\n{bad'], { mode: 'FAILFAST' })).toThrow(/MALFORMED_RECORD_IN_PARSING/);
  });

  it('top-level arrays contribute their elements; blank lines nothing', () => {
    expect(ddl('json', ['[{"a":1},{"b":"x"}]\n\n'])).toBe('`a` BIGINT, `b` STRING');
  });

  it('primitivesAsString and multiLine', () => {
    expect(ddl('json', ['{"a":1,"b":true}'], { primitivesAsString: 'true' })).toBe('`a` STRING, `b` STRING');
    expect(ddl('json', ['[\n{"a":1}\n]'], { multiLine: 'true' })).toBe('`a` BIGINT');
  });
});

describe('CSV schema inference (CSVInferSchema)', () => {
  it('header names, all strings without inferSchema', () => {
    expect(ddl('csv', ['id,name\n1,a\n'], { header: 'true' })).toBe('`id` STRING, `name` STRING');
    expect(ddl('csv', ['1,a\n'])).toBe('`_c0` STRING, `_c1` STRING');
  });

  it('inferSchema picks the narrowest type per column', () => {
    expect(
      ddl('csv', ['i,l,d,t,b,s,n\n1,3000000000,1.5,2015-02-23 10:00:00,true,x,\n2,4,2,2015-02-24,false,1,\n'], { header: 'true', inferSchema: 'true' }),
    ).toBe('`i` INT, `l` BIGINT, `d` DOUBLE, `t` TIMESTAMP, `b` BOOLEAN, `s` STRING, `n` STRING');
  });
});

describe('text schema', () => {
  it('is value string', () => {
    expect(ddl('text', ['a'])).toBe('`value` STRING');
  });
});
