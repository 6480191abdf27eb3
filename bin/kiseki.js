#!/usr/bin/env node
// The CLI is TypeScript run through tsx, so that `npx kiseki` works from a plain checkout without a build.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
