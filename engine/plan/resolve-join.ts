/**
 * join(other, on, how): `on` as column names is a USING join — the key columns appear
 * once, first (taken from the left side, from the right for a right join, coalesced for
 * a full join), then the other left columns, then the other right columns; an outer
 * join makes the other side's columns nullable. A condition join keeps all columns of
 * both sides. left_semi/left_anti output only the left columns. (Spark's
 * Analyzer.commonNaturalJoinProcessing; checked against pyspark 4.1.4.)
 */
import { AnalysisException } from '../errors';
import { bindExpr, type ExprConf } from '../expr/index';
import { StructField, StructType } from '../types/struct-type';
import type { JoinNode } from './logical-plan';
import { findColumnIndex } from './resolve-columns';
import type { JoinOutput, ResolvedJoin, ResolvedPlan } from './resolved-plan';

export function resolveJoin(
  node: JoinNode,
  left: ResolvedPlan,
  right: ResolvedPlan,
  conf: ExprConf,
): ResolvedJoin {
  const ls = left.schema;
  const rs = right.schema;
  const using = node.using ?? [];
  const leftKeys = using.map((k) => usingIndex(ls, k, 'left', conf));
  const rightKeys = using.map((k) => usingIndex(rs, k, 'right', conf));
  const how = node.how;
  const leftNullable = how === 'right' || how === 'full';
  const rightNullable = how === 'left' || how === 'full';
  const output: JoinOutput[] = [];
  const fields: StructField[] = [];
  const push = (o: JoinOutput, f: StructField, nullable: boolean): void => {
    output.push(o);
    fields.push(
      nullable && !f.nullable ? new StructField(f.name, f.dataType, true, f.metadata) : f,
    );
  };
  leftKeys.forEach((l, k) => {
    const r = rightKeys[k];
    if (how === 'right') push({ side: 'right', index: r }, rs.fields[r], false);
    else if (how === 'full')
      push(
        { side: 'coalesce', left: l, right: r },
        ls.fields[l],
        ls.fields[l].nullable && rs.fields[r].nullable,
      );
    else push({ side: 'left', index: l }, ls.fields[l], false);
  });
  const leftKeySet = new Set(leftKeys);
  const rightKeySet = new Set(rightKeys);
  ls.fields.forEach((f, index) => {
    if (!leftKeySet.has(index)) push({ side: 'left', index }, f, leftNullable);
  });
  if (how !== 'left_semi' && how !== 'left_anti') {
    rs.fields.forEach((f, index) => {
      if (!rightKeySet.has(index)) push({ side: 'right', index }, f, rightNullable);
    });
  }
  let condition;
  if (node.condition) {
    const combined = new StructType([...ls.fields, ...rs.fields]);
    condition = bindExpr(node.condition, combined, conf);
  }
  return {
    kind: 'join',
    node,
    left,
    right,
    how,
    leftKeys,
    rightKeys,
    ...(condition ? { condition } : {}),
    output,
    schema: new StructType(fields),
    streaming: left.streaming || right.streaming,
  };
}

function usingIndex(
  schema: StructType,
  name: string,
  side: 'left' | 'right',
  conf: ExprConf,
): number {
  const i = findColumnIndex(schema, name, conf.caseSensitive);
  if (i >= 0) return i;
  throw new AnalysisException(
    'UNRESOLVED_USING_COLUMN_FOR_JOIN',
    `USING column \`${name}\` cannot be resolved on the ${side} side of the join. The ${side}-side columns: [${schema.fields.map((f) => '`' + f.name + '`').join(', ')}].`,
    { messageParameters: { colName: '`' + name + '`', side }, sqlState: '42703' },
  );
}
