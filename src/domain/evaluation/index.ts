export * from './evaluate-action.js';
export * from './evaluate-plan.js';
export type * from './evaluation.models.js';
export * from './kpi-rate.js';
export * from './numbers.js';
export * from './rate-result.js';
export * from './settings.js';
export * from './task-progress.js';
