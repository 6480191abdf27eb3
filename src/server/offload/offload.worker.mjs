// A worker thread does not inherit tsx's module hooks: register them here, as bin/kiseki.js does.
import { register } from 'tsx/esm/api';

register();
await import('./offload.worker.ts');
