/**
 * Error classes the streaming API raises that engine/errors.ts does not define: Spark's
 * SparkIllegalArgumentException (an IllegalArgumentException that carries an error class,
 * e.g. STREAMING_OUTPUT_MODE.INVALID) and Java's IllegalStateException.
 */
import { TidemarkError } from '../errors';

export class SparkIllegalArgumentException extends TidemarkError {}

/** Java's IllegalStateException (legacy, printed without a class prefix). */
export class IllegalStateException extends TidemarkError {
  constructor(message: string) {
    super('_LEGACY_ERROR_TEMP_ILLEGAL_STATE', message);
  }
}
