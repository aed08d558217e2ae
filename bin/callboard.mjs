#!/usr/bin/env node
// Runs the TypeScript CLI from a checkout through tsx (no build step for headless use).
import { register } from 'tsx/esm/api';

register();
await import('../electron/cli.ts');
