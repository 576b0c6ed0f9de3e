/** Monitoring new data: pure helpers (no DOM, no workers). See compare.ts. */
export * from './columns.ts';
export * from './labels.ts';
export * from './compare.ts';
