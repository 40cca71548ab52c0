import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { dirname, relative, resolve } from 'node:path';

const APPS = ['@app/api', '@app/worker', '@app/cli'];
const IO_PACKAGES = [
  '@nestjs/*',
  'pg',
  '@electric-sql/*',
  'ioredis',
  'bullmq',
  'undici',
  'nodemailer',
  'node:fs',
  'node:fs/*',
  'node:net',
  'node:http',
  'node:https',
  'node:child_process',
];

/** Boundaries of STYLE.md: libs through their public index only, no reaching across packages. */
const everywhere = [
  {
    group: ['@app/*/*'],
    message: 'Import a lib only through its public index (@app/<lib>).',
  },
];

/** The workspace (apps/<name>, libs/<name>, bench/<name>) a file belongs to, if any. */
const workspaceOf = (path) => {
  const [area, name] = relative(import.meta.dirname, path).split(/[\\/]/);
  return ['apps', 'libs', 'bench'].includes(area) && name ? `${area}/${name}` : undefined;
};

/** A relative path into another workspace bypasses its public index: use @app/<name>. */
const noCrossPackageRelativeImport = {
  meta: { type: 'problem', schema: [] },
  create(context) {
    const check = (node) => {
      const source = node.source?.value;
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const from = workspaceOf(context.filename);
      const to = workspaceOf(resolve(dirname(context.filename), source));
      if (from !== to) {
        context.report({
          node: node.source,
          message: `Relative import from ${from ?? 'outside'} into ${to ?? 'outside'}: import it as @app/<name>.`,
        });
      }
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check };
  },
};

const restrict = (...patterns) => ({
  'no-restricted-imports': ['error', { patterns: [...everywhere, ...patterns] }],
});

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'data/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: {
      vigil: { rules: { 'no-cross-package-relative-import': noCrossPackageRelativeImport } },
    },
    rules: {
      ...restrict(),
      'vigil/no-cross-package-relative-import': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message: 'Read configuration through @app/platform.',
        },
      ],
    },
  },
  {
    files: ['libs/**'],
    rules: restrict({ group: APPS, message: 'A lib never imports an app.' }),
  },
  {
    files: ['libs/contracts/**'],
    rules: restrict(
      { group: ['@app/*'], message: 'contracts depends on nothing.' },
      { group: IO_PACKAGES, message: 'contracts is pure: no I/O, no Nest.' },
    ),
  },
  {
    files: ['apps/api/**'],
    rules: restrict({ group: ['@app/worker', '@app/cli'], message: 'Apps never import apps.' }),
  },
  {
    files: ['apps/worker/**'],
    rules: restrict({ group: ['@app/api', '@app/cli'], message: 'Apps never import apps.' }),
  },
  {
    files: ['libs/platform/**'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: { process: 'readonly', URL: 'readonly' },
    },
  },
);
