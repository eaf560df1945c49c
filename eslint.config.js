import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { boundariesConfig } from './eslint.boundaries.js';

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'public/vendor/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  boundariesConfig,
  // Only repositories build SQL: a service or a route asks a repository (the demo seed and migrations write
  // fixtures and schema directly).
  {
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/**/*.repo.ts', 'src/db/**', 'src/features/demo/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'kysely', message: 'Build queries in a *.repo.ts file.', allowTypeImports: true }] },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector:
            'CallExpression[callee.property.name=/^(selectFrom|insertInto|updateTable|deleteFrom|replaceInto|mergeInto|with)$/]',
          message: 'Build queries in a *.repo.ts file of the feature that owns the table.',
        },
      ],
    },
  },
  // A route parses, authorizes, calls one service and renders: it never imports a repository.
  {
    files: ['src/**/*.routes.{ts,tsx}', 'src/**/*.api.ts', 'src/**/*.screens.tsx', 'src/**/*.plugin.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'kysely', message: 'Build queries in a *.repo.ts file.', allowTypeImports: true }],
          patterns: [{ group: ['**/*.repo.js'], message: 'Routes call services; services call repositories.' }],
        },
      ],
    },
  },
  // The browser's scripts: ES modules (type-checked by tsconfig.public.json), except embed.js, which other
  // sites load as a classic script.
  {
    files: ['public/js/**/*.js'],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: { ...globals.browser },
    },
  },
  {
    files: ['public/js/embed.js'],
    languageOptions: { sourceType: 'script' },
    rules: {
      // The parser accepts module syntax whatever the sourceType: say it here, so embed.js stays self-contained.
      'no-restricted-syntax': [
        'error',
        ...[
          'ImportDeclaration',
          'ImportExpression',
          'ExportNamedDeclaration',
          'ExportDefaultDeclaration',
          'ExportAllDeclaration',
          "MetaProperty[meta.name='import']",
        ].map((selector) => ({
          selector,
          message: 'embed.js is loaded by other sites as a classic script: no modules.',
        })),
      ],
    },
  },
);
