import { describe, expect, it } from 'vitest';
import { EngineService } from '../../../engine/service/engine-service';

describe('parseSchema: the schema editor’s DDL and JSON, read by the engine', () => {
  const service = new EngineService({ onEvent: () => undefined });

  it('reads the lab schema as DDL and gives fields in DDL spelling, the DDL and the JSON', async () => {
    const response = await service.handle({
      id: 1,
      type: 'parseSchema',
      schema:
        'Arrival_Time bigint, `Device id` string NOT NULL, tags array<string>, m map<string,int>',
    });
    expect(response).toMatchObject({
      ok: true,
      result: {
        fields: [
          { name: 'Arrival_Time', type: 'bigint', nullable: true },
          { name: 'Device id', type: 'string', nullable: false },
          { name: 'tags', type: 'array<string>', nullable: true },
          { name: 'm', type: 'map<string,int>', nullable: true },
        ],
        ddl: '`Arrival_Time` BIGINT, `Device id` STRING NOT NULL, `tags` ARRAY<STRING>, `m` MAP<STRING, INT>',
      },
    });
    const json = (response as unknown as { result: { json: unknown } }).result.json;
    const back = await service.handle({ id: 2, type: 'parseSchema', schema: json });
    expect(back).toMatchObject({
      ok: true,
      result: { ddl: (response as unknown as { result: { ddl: string } }).result.ddl },
    });
  });

  it('fails on a bad type with the parser’s error and its position', async () => {
    const response = await service.handle({ id: 3, type: 'parseSchema', schema: 'a int, b strin' });
    expect(response.ok).toBe(false);
    const error = (
      response as unknown as {
        error: { name: string; message: string; context?: { start?: number } };
      }
    ).error;
    expect(error.name).toBe('ParseException');
    expect(error.message).toContain('strin');
  });

  it('accepts a DDL string as a source schema (the request passes validation and reaches the reader)', async () => {
    const response = await service.handle({
      id: 4,
      type: 'previewSource',
      setup: { path: '/nonexistent-tidemark', format: 'json', schema: 'a int', options: {} },
    });
    expect(response).toMatchObject({ ok: false, error: { errorClass: 'PATH_NOT_FOUND' } });
    const refused = await service.handle({
      id: 5,
      type: 'parseSchema',
      schema: 42 as unknown as string,
    });
    expect(refused).toMatchObject({ ok: false, error: { name: 'IllegalArgumentException' } });
  });
});
