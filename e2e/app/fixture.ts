import { fileURLToPath } from 'node:url';

/** Absolute path of a file in e2e/fixtures. */
export const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
