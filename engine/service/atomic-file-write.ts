/**
 * Moved to engine/io/atomic-file.ts so the checkpoint (engine/stream) can share it; this
 * module stays as a re-export for the service's existing importers.
 */
export * from '../io/atomic-file';
