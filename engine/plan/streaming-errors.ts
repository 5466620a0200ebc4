/**
 * Errors of UnsupportedOperationChecker.checkForBatch that the DataFrame API and the
 * static executor both raise. Spark 4.1 wording (pyspark 4.1.4).
 */
import { AnalysisException } from '../errors';

const STREAMING_ACTION =
  'Queries with streaming sources must be executed with writeStream.start(), or from a streaming table or flow definition within a Spark Declarative Pipeline.';

/** A batch action (`collect`, `count`, `show`) on a streaming DataFrame. */
export function streamingActionError(): AnalysisException {
  return new AnalysisException('_LEGACY_ERROR_TEMP_3102', STREAMING_ACTION, {
    messageParameters: { msg: STREAMING_ACTION },
  });
}
