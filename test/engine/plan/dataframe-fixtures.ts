/** The small table the DataFrame tests share; its expected results were taken from pyspark 4.1.4. */
import { Session } from '../../../engine/session';
import type { DataFrame } from '../../../engine/plan/dataframe';

export function session(): Session {
  return Session.builder()
    .appName('dataframe-tests')
    .config('spark.sql.session.timeZone', 'UTC')
    .getOrCreate();
}

/** (1,'a',1.5), (2,'a',None), (3,None,nan), (None,'b',2.0) as 'i int, s string, d double'. */
export function sample(spark: Session): DataFrame {
  return spark.createDataFrame(
    [
      [1, 'a', 1.5],
      [2, 'a', null],
      [3, null, NaN],
      [null, 'b', 2.0],
    ],
    'i int, s string, d double',
  );
}
