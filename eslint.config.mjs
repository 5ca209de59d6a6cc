// House rules. The architectural ones: apps stand on ports (no adapter, driver or SQL import), time comes
// from the injected clock, and every switch over a union is exhaustive.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const ADAPTER_CLASSES = [
  'PostgresEventStore',
  'InMemoryEventStore',
  'SqlKeyring',
  'SqlUniqueClaims',
  'BlindIndex',
  'PostgresReadModels',
  'PostgresProjectionLease',
  'InMemoryReadModels',
  'InMemoryProjectionLease',
  'SqlAttemptThrottle',
  'InMemoryAttemptThrottle',
  'SqlSessionRevocations',
  'InMemorySessionRevocations',
  'NodemailerMailer',
];

const portsOnly = {
  paths: [
    ...[
      '@privacy-ledger/ledger',
      '@privacy-ledger/keyring',
      '@privacy-ledger/projections',
      '@privacy-ledger/auth',
      '@privacy-ledger/mail',
    ].map((name) => ({
      name,
      importNames: ADAPTER_CLASSES,
      message: 'apps stand on ports: adapters are chosen in the composition root (libs/runtime), not here',
    })),
    { name: 'pg', message: 'apps never talk to a database driver: use the ports' },
    { name: '@privacy-ledger/sql', message: 'apps never use the SQL library: use the ports' },
    {
      name: 'class-validator',
      importNames: ['IsOptional'],
      message: 'IsOptional lets null through unchecked: use Omittable (@privacy-ledger/platform), and ValidateIf where null has a meaning',
    },
  ],
  patterns: [{ group: ['@electric-sql/*', 'pg/*'], message: 'apps never talk to a database driver: use the ports' }],
};

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'coverage/**', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { project: ['./tsconfig.eslint.json'], tsconfigRootDir: import.meta.dirname } },
    rules: {
      'max-len': ['error', { code: 140 }],
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: false, requireDefaultForNonUnion: true },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'time comes from the injected Clock (@privacy-ledger/clock)',
        },
      ],
    },
  },
  {
    files: ['apps/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', portsOnly],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'time comes from the injected Clock (@privacy-ledger/clock)',
        },
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'time comes from the injected Clock (@privacy-ledger/clock)',
        },
      ],
    },
  },
  { files: ['libs/clock/**/*.ts', '**/*.spec.ts', 'bench/**/*.ts'], rules: { 'no-restricted-syntax': 'off' } },
);
