// Lint = the architecture, enforced. Arrows point one way (README "Architecture"):
//   app -> ui -> store -> bridge -> (protocol, core);  workers -> (protocol, core);
//   cli -> (core, protocol, bridge's SF supervisor, workers' handlers: it hosts the same workers in Node threads)
//   protocol -> core (types);  core -> nothing of ours.
// A break is a red `npm test`, not a review comment. Formatting is Prettier's (eslint-config-prettier
// turns off the style rules that would fight it); `npm run lint` also runs `prettier --check`.
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import prettier from 'eslint-config-prettier';

const LAYERS = ['core', 'protocol', 'workers', 'bridge', 'store', 'ui', 'app', 'cli'];
/** What each layer may NOT import (folders under src/). */
const FORBIDDEN = {
  core: ['protocol', 'workers', 'bridge', 'store', 'ui', 'app', 'cli'],
  protocol: ['workers', 'bridge', 'store', 'ui', 'app', 'cli'],
  workers: ['bridge', 'store', 'ui', 'app', 'cli'],
  bridge: ['workers', 'store', 'ui', 'app', 'cli'],
  store: ['workers', 'ui', 'app', 'cli'],
  ui: ['protocol', 'workers', 'bridge', 'app', 'cli'],
  app: ['protocol', 'workers', 'bridge', 'cli'],
  cli: ['store', 'ui', 'app'],
};
const zones = LAYERS.flatMap((layer) =>
  FORBIDDEN[layer].map((other) => ({
    target: `./src/${layer}`,
    from: `./src/${other}`,
    message: `src/${layer} must not import src/${other} (see the layer rules in eslint.config.js and the README's Architecture).`,
  })),
);

export default tseslint.config(
  { ignores: ['dist*/**', 'node_modules/**', 'test-results*/**', 'playwright-report/**', 'public/**', 'bench/**/*.json'] },
  {
    files: ['**/*.{ts,tsx,mjs,js}'],
    languageOptions: { parser: tseslint.parser, ecmaVersion: 'latest', sourceType: 'module' },
    plugins: { '@typescript-eslint': tseslint.plugin, 'import-x': importX },
    settings: { 'import-x/extensions': ['.ts', '.tsx', '.mjs', '.js'] },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones }],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-self-import': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      'no-debugger': 'error',
    },
  },
  {
    // Test helpers and fixtures live in test/ and e2e/, never in product folders; products never import them.
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/test/*', '**/e2e/*'], message: 'Product code must not import test helpers.' }] },
      ],
    },
  },
  prettier,
);
