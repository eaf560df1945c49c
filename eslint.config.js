import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

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
