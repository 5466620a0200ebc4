export * from './data-types';
export * from './struct-type';
export * from './ddl';
