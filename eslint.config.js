import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Layers (docs/architecture.md): channels and jobs -> conversation -> services -> replies / core / llm / db.
// Each rule below keeps one arrow pointing one way; CI fails on a violation.
const processEnv = {
  selector: "MemberExpression[object.name='process'][property.name='env']",
  message: 'Read configuration through src/config (loadConfig) and pass it down.',
};
const noQueries = [
  {
    selector: "MemberExpression[object.type='MemberExpression'][object.property.name='prisma']",
    message: 'Query the database in a service (src/services) and call it from here.',
  },
  {
    selector: "MemberExpression[object.name='prisma']",
    message: 'Query the database in a service (src/services) and call it from here.',
  },
];
const database = {
  regex: String.raw`(^|/)db/|^@prisma/|^pg$`,
  message: 'Conversation and channels never touch the database: call a service (src/services).',
};
const upward = (layers, why) => ({ regex: String.raw`(^|/)(${layers})/`, message: why });
/** A layer that reaches the database only through services, and imports none of `above`. */
const aboveTheDatabase = (files, above, why) => ({
  files,
  rules: {
    'no-restricted-imports': ['error', { patterns: [database, upward(above, why)] }],
    'no-restricted-syntax': ['error', processEnv, ...noQueries],
  },
});

export default tseslint.config(
  { ignores: ['node_modules/', 'src/db/generated/', 'scratch/', 'coverage/', '.tend/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-restricted-syntax': ['error', processEnv],
    },
  },
  {
    // The core is pure: no I/O, no clock, no database or LLM clients, nothing above it.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', 'fs', 'http', 'net', '@prisma/*', 'openai', 'pg'], message: 'The core does no I/O.' },
            upward('db|llm|services|replies|conversation|channels|jobs|app|cli', 'The core imports nothing above it.'),
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        processEnv,
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'Pass `now` in.',
        },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Pass `now` in.' },
      ],
    },
  },
  {
    // Replies are neutral messages below services: built from facts, importing only the core.
    files: ['src/replies/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            upward(
              'db|llm|services|conversation|channels|jobs|app|cli',
              'Replies import only the core and each other.',
            ),
          ],
        },
      ],
    },
  },
  {
    files: ['src/services/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            upward(
              'conversation|channels|jobs|app|cli',
              'Services never import conversation, channels, jobs or the app: pass what they need in.',
            ),
          ],
        },
      ],
    },
  },
  aboveTheDatabase(
    ['src/conversation/**/*.ts'],
    'channels|jobs|app|cli',
    'The conversation layer is channel-neutral: channels call it, not the reverse.',
  ),
  // Connectors talk to vendors and hand rows to services; they never touch the database themselves.
  aboveTheDatabase(
    ['src/connectors/**/*.ts'],
    'conversation|channels|jobs|app|cli|api',
    'Connectors are called by jobs and webhooks, not the reverse.',
  ),
  // The HTTP API is an edge like the chat channels: it checks requests and calls services.
  aboveTheDatabase(
    ['src/api/**/*.ts'],
    'conversation|channels|jobs|app|cli',
    'The HTTP API calls services; nothing above it.',
  ),
  ...[
    ['slack', 'teams|shell'],
    ['teams', 'slack|shell'],
    ['shell', 'slack|teams'],
  ].map(([channel, others]) => ({
    files: [`src/channels/${channel}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            database,
            {
              regex: String.raw`(^|/)channels/(${others})/|^\.\./(${others})/|^(\.\./)+(${others})/`,
              message: 'Channels never import each other: share through conversation, replies or services.',
            },
            upward('jobs|app|cli', 'Channels are called by the app, and import nothing of it.'),
          ],
        },
      ],
      'no-restricted-syntax': ['error', processEnv, ...noQueries],
    },
  })),
  {
    files: [
      'src/config/**/*.ts',
      'src/cli/tend.ts',
      'scripts/**',
      'test/**',
      'bench/**',
      'prisma.config.ts',
      'vitest.config.ts',
    ],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
