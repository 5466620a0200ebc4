export * from './vector';
export * from './values';
export * from './vector-builder';
export * from './vector-ops';
export * from './column-batch';
