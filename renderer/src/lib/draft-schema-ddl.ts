/**
 * The schema's DDL text form (`Arrival_Time BIGINT, Device STRING NOT NULL`), kept in step
 * with the table editor. Writing it is formatting only; READING it is the engine's job
 * (the `parseSchema` request: StructType.fromDDL, with the position of a mistake), so the
 * page holds no type grammar of its own.
 */
import type { SchemaFieldInfo } from '../../../engine/service/protocol';
import type { SchemaRow } from './draft-schema';

const PLAIN_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `name TYPE[ NOT NULL]`, comma-separated; names back-quoted when not plain identifiers. */
export function rowsToDDL(rows: readonly SchemaRow[]): string {
  return rows
    .map((r) => {
      const name = PLAIN_NAME.test(r.name) ? r.name : '`' + r.name.replaceAll('`', '``') + '`';
      return `${name} ${r.type.includes('<') ? r.type : r.type.toUpperCase()}${r.nullable ? '' : ' NOT NULL'}`;
    })
    .join(', ');
}

/** The engine's fields as table rows (types in DDL spelling, as the table shows them). */
export function rowsFromFields(fields: readonly SchemaFieldInfo[]): SchemaRow[] {
  return fields.map((f) => ({ name: f.name, type: f.type, nullable: f.nullable }));
}

/** "Schema DDL, character 10: Unsupported data type "STRIN"." from the engine's error. */
export function ddlErrorText(message: string, start: number | undefined): string {
  const headline = message
    .split('\n')[0]
    .replace(/^\[[A-Z_.]+\]\s*/, '')
    .replace(/\s*SQLSTATE: \w+$/, '');
  return start === undefined
    ? `Schema DDL: ${headline}`
    : `Schema DDL, character ${start + 1}: ${headline}`;
}
