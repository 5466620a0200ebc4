/**
 * select / withColumns / withColumnsRenamed / drop: all are projections of the input,
 * each with Spark's Dataset rules for names — `*` expands, withColumn replaces a
 * same-named column in place (taking the new spelling) or appends, renaming or dropping
 * a column that does not exist is a no-op, and names match case-insensitively unless
 * spark.sql.caseSensitive.
 */
import { AnalysisException } from '../errors';
import type { ExprConf } from '../expr/index';
import { StructField, StructType } from '../types/struct-type';
import type { DropNode, ProjectNode, RenameNode, WithColumnsNode } from './logical-plan';
import { bindItem, expandStars } from './resolve-columns';
import type { ProjectItem, ResolvedPlan, ResolvedProject } from './resolved-plan';

export function resolveProject(
  node: ProjectNode,
  input: ResolvedPlan,
  conf: ExprConf,
): ResolvedProject {
  const items: ProjectItem[] = [];
  const fields: StructField[] = [];
  for (const e of expandStars(node.exprs, input.schema, conf)) {
    const { item, field } = bindItem(e, input.schema, conf);
    items.push(item);
    fields.push(field);
  }
  return projection(node, input, items, fields);
}

export function resolveWithColumns(
  node: WithColumnsNode,
  input: ResolvedPlan,
  conf: ExprConf,
): ResolvedProject {
  const fold = (n: string): string => (conf.caseSensitive ? n : n.toLowerCase());
  const seen = new Set<string>();
  for (const n of node.names) {
    if (seen.has(fold(n))) {
      throw new AnalysisException(
        'COLUMN_ALREADY_EXISTS',
        `The column \`${fold(n)}\` already exists. Choose another name or rename the existing column.`,
        {
          messageParameters: { columnName: '`' + fold(n) + '`' },
          sqlState: '42711',
        },
      );
    }
    seen.add(fold(n));
  }
  const added = node.exprs.map((e, i) => {
    const { item, field } = bindItem(e, input.schema, conf);
    return {
      item,
      field: new StructField(node.names[i], field.dataType, field.nullable, field.metadata),
      key: fold(node.names[i]),
    };
  });
  const items: ProjectItem[] = [];
  const fields: StructField[] = [];
  const used = new Set<string>();
  input.schema.fields.forEach((f, index) => {
    const replacement = added.find((a) => a.key === fold(f.name));
    if (replacement) {
      items.push(replacement.item);
      fields.push(replacement.field);
      used.add(replacement.key);
    } else {
      items.push({ kind: 'column', index });
      fields.push(f);
    }
  });
  for (const a of added) {
    if (used.has(a.key)) continue;
    items.push(a.item);
    fields.push(a.field);
  }
  return projection(node, input, items, fields);
}

export function resolveRename(
  node: RenameNode,
  input: ResolvedPlan,
  conf: ExprConf,
): ResolvedProject {
  const same = (a: string, b: string): boolean =>
    conf.caseSensitive ? a === b : a.toLowerCase() === b.toLowerCase();
  let names = input.schema.names;
  // Applied in order; an absent name is skipped, and every column it matches is renamed.
  for (const [from, to] of node.renames) names = names.map((n) => (same(n, from) ? to : n));
  const fields = input.schema.fields.map((f, i) =>
    names[i] === f.name ? f : new StructField(names[i], f.dataType, f.nullable, f.metadata),
  );
  return projection(
    node,
    input,
    fields.map((_, index) => ({ kind: 'column', index })),
    fields,
  );
}

export function resolveDrop(node: DropNode, input: ResolvedPlan, conf: ExprConf): ResolvedProject {
  const fold = (n: string): string => (conf.caseSensitive ? n : n.toLowerCase());
  const dropped = new Set(node.columns.map(fold));
  const items: ProjectItem[] = [];
  const fields: StructField[] = [];
  input.schema.fields.forEach((f, index) => {
    if (dropped.has(fold(f.name))) return;
    items.push({ kind: 'column', index });
    fields.push(f);
  });
  return projection(node, input, items, fields);
}

function projection(
  node: ResolvedProject['node'],
  input: ResolvedPlan,
  items: ProjectItem[],
  fields: StructField[],
): ResolvedProject {
  return {
    kind: 'project',
    node,
    input,
    items,
    schema: new StructType(fields),
    streaming: input.streaming,
  };
}
