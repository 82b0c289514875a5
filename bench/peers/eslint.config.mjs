// ESLint for the benchmark: typescript-eslint's parser without type information and a set of
// syntactic core rules comparable in kind to stability-lint's (control flow, loops, promises,
// scope lookups) — the untyped setup a team would run next to it in CI.
import tseslint from 'typescript-eslint';

const rules = {
  'no-constant-condition': 'warn',
  'no-unreachable': 'warn',
  'no-unsafe-finally': 'warn',
  'no-fallthrough': 'warn',
  'no-empty': 'warn',
  'no-await-in-loop': 'warn',
  'no-promise-executor-return': 'warn',
  'no-async-promise-executor': 'warn',
};

export default [
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parser: tseslint.parser, parserOptions: { ecmaFeatures: { jsx: true } } },
    rules: { ...rules, '@typescript-eslint/no-unused-vars': 'warn' },
    plugins: { '@typescript-eslint': tseslint.plugin },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', ecmaVersion: 'latest' },
    rules: { ...rules, 'no-unused-vars': 'warn' },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { sourceType: 'module', ecmaVersion: 'latest' },
    rules: { ...rules, 'no-unused-vars': 'warn' },
  },
];
