// Lint run by `npm test` (script `lint`): the promise and switch faults a type check does not catch.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'web/dist/**', 'node_modules/**', 'coverage/**'] },
  {
    files: ['**/*.ts', '**/*.tsx'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // A promise nobody awaits or catches loses its error (an unhandled rejection kills a worker).
      '@typescript-eslint/no-floating-promises': 'error',
      // An async function where a void callback is expected (express handlers, event listeners) drops its rejection.
      '@typescript-eslint/no-misused-promises': 'error',
      // A switch over a union must name every member, so a new message kind or status cannot fall through unseen.
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: false, requireDefaultForNonUnion: false },
      ],
      // Style, not a fault: an async function without await is how a handler that may later await is typed.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // pdfjs-dist's types are imported with `resolution-mode: import` (an ES module seen from CommonJS), which tsc
    // resolves but the lint parser types as an error; tsc's strict check still covers this file.
    files: ['shared/adapters/pdf.adapter.ts'],
    rules: { '@typescript-eslint/no-unsafe-assignment': 'off' },
  },
  {
    // supertest and JSON.parse give `any` bodies by their own types; the tests check them with expect().
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
    },
  },
);
