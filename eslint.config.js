import js from '@eslint/js';
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
  {
    files: ['public/js/**/*.js'],
    languageOptions: {
      globals: {
        window: 'readonly',
        document: 'readonly',
        fetch: 'readonly',
        EventSource: 'readonly',
        URL: 'readonly',
        FormData: 'readonly',
        history: 'readonly',
        location: 'readonly',
        console: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        HTMLElement: 'readonly',
        KeyboardEvent: 'readonly',
        navigator: 'readonly',
        requestAnimationFrame: 'readonly',
        URLSearchParams: 'readonly',
        CSS: 'readonly',
        getSelection: 'readonly',
        Node: 'readonly',
        Element: 'readonly',
        DOMParser: 'readonly',
        sessionStorage: 'readonly',
        localStorage: 'readonly',
      },
    },
  },
);
