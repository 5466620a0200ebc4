/** A bare analysis context (catalog + conf), for planner tests that need no readers or streams. */
import type { AnalysisSession } from '../../../engine/plan/analyzer';
import { Catalog } from '../../../engine/plan/catalog';
import { RuntimeConfig } from '../../../engine/plan/runtime-config';

export function analysisSession(): AnalysisSession {
  const conf = new RuntimeConfig([['spark.sql.session.timeZone', 'UTC']]);
  return {
    catalog: new Catalog(),
    conf,
    exprConf: () => ({
      caseSensitive: conf.get('spark.sql.caseSensitive') === 'true',
      ansi: conf.get('spark.sql.ansi.enabled') === 'true',
      timeZone: 'UTC',
    }),
  };
}
