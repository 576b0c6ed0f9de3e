#!/usr/bin/env node
// The `slicewise` command: runs src/cli/main.ts (TypeScript) through tsx's ESM loader, so the CLI
// uses the very same core sources as the app, with no build step. Usage: slicewise --help.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
