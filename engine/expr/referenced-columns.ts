/**
 * The column names an expression reads (for column pruning in readers and for the
 * planner's checks), in order of first appearance, each as its name parts.
 */
import { childrenOf, type Expr } from './ast';

export function referencedColumns(e: Expr): string[][] {
  const out: string[][] = [];
  const seen = new Set<string>();
  const walk = (x: Expr): void => {
    if (x.kind === 'column') {
      const key = JSON.stringify(x.name);
      if (!seen.has(key)) {
        seen.add(key);
        out.push([...x.name]);
      }
      return;
    }
    for (const c of childrenOf(x)) walk(c);
  };
  walk(e);
  return out;
}
