import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import vue from 'eslint-plugin-vue';
import globals from 'globals';

// Allowed import arrows between the folders of electron/core/, in the manner of VS Code's `code-layering`.
// Measured with `node scripts/layer-arrows.mjs`; docs/architecture.md explains the table. A folder may
// import itself and the folders listed on its row, nothing else: no 'electron', nothing outside the core.
//   folder          may import
const coreLayers = {
  base:            [],
  contract:        ['base'],
  ami:             ['base'],
  stats:           ['base', 'contract'],
  security:        ['base', 'config'],
  config:          ['base', 'vendor-api'],
  'asterisk-logs': ['base', 'contract', 'live', 'stats'],
  live:            ['ami', 'base', 'contract', 'stats', 'store'],
  store:           ['asterisk-logs', 'base', 'contract', 'live', 'stats', 'vendor-api'],
  'vendor-api':    ['base', 'contract', 'live', 'security', 'server', 'store'],
  server:          ['base', 'config', 'contract', 'live', 'security', 'store'],
  actions:         ['ami', 'base', 'contract', 'live', 'store', 'vendor-api'],
  gateway:         ['actions', 'ami', 'base', 'config', 'contract', 'live', 'server', 'stats', 'store', 'vendor-api'],
  alerts:          ['base', 'contract', 'live', 'store'],
  reports:         ['base', 'contract', 'store'],
  app:             ['actions', 'alerts', 'ami', 'base', 'config', 'contract', 'gateway', 'live', 'reports', 'security', 'server', 'store', 'vendor-api'],
  demo:            ['ami', 'base', 'config', 'stats', 'vendor-api'],
};

const rendererImports = {
  paths: [{ name: 'electron', message: 'The renderer never imports electron; it talks to the core through @contract.' }],
  patterns: [{ regex: '^(\\.\\.?/(.*/)?)?electron(/|$)', message: 'The renderer imports the core only as @contract.' }],
};

const noElectron = { name: 'electron', message: 'electron/core is plain Node: it never imports electron.' };

/** The no-restricted-imports options for a file `depth` folders below electron/core/<layer>/. */
function layerRule(layer, allowed, depth) {
  const up = (n) => '\\.\\./'.repeat(n);
  const forbidden = Object.keys(coreLayers).filter((other) => other !== layer && !allowed.includes(other));
  const patterns = [
    {
      regex: `^${up(depth + 1)}`,
      message: 'electron/core never imports from outside the core (renderer, main, preload).',
    },
    { regex: '^electron/', message: noElectron.message },
  ];
  if (forbidden.length > 0) {
    patterns.unshift({
      regex: `^${up(depth)}(${forbidden.join('|')})(/|$)`,
      message: `electron/core/${layer} may import only ${allowed.join(', ') || 'itself'} (eslint.config.js, coreLayers).`,
    });
  }
  return ['error', { paths: [noElectron], patterns }];
}

/** One config entry per layer and folder depth (relative specifiers climb one '../' per level). */
function coreLayering() {
  const entries = [];
  for (const [layer, allowed] of Object.entries(coreLayers)) {
    for (const depth of [1, 2, 3]) {
      entries.push({
        files: [`electron/core/${layer}/${'*/'.repeat(depth - 1)}*.ts`],
        rules: { 'no-restricted-imports': layerRule(layer, allowed, depth) },
      });
    }
  }
  return entries;
}

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
    },
  },
  ...coreLayering(),
  {
    // The renderer reaches the core only through the contract, by its alias.
    files: ['renderer/**/*.{ts,vue}'],
    rules: { 'no-restricted-imports': ['error', rendererImports] },
  },
  {
    // renderer/src/domain is plain logic with unit tests: no Vue, no stores, no components.
    files: ['renderer/src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...rendererImports.paths, ...['vue', 'pinia', 'vue-i18n', 'vue-router'].map((name) => ({ name, message: 'renderer/src/domain is plain TypeScript.' }))],
          patterns: [...rendererImports.patterns, { regex: '^\\.\\./(stores|components|views|composables|i18n)(/|$)', message: 'renderer/src/domain imports only the contract and itself.' }],
        },
      ],
    },
  },
);
