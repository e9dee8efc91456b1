import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import layerZones from './scripts/eslint-layer-zones.js';

const LOWER_LAYERS = ['domain', 'workflows', 'activities', 'db', 'net', 'temporal'];

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'coverage/', '.tools/', '.data/', '**/*.data.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    // Layers import downwards only (README "Layout"): apps → workflows/activities → db → domain.
    files: ['{domain,workflows,activities,db,net,temporal,apps}/**/*.ts', 'apps/web/**/*.tsx'],
    plugins: { layers: { rules: { zones: layerZones } } },
    rules: {
      'layers/zones': [
        'error',
        {
          zones: [
            { files: 'domain', allow: ['domain'], reason: 'domain/ is pure and depends on nothing else' },
            {
              files: 'workflows',
              allow: ['workflows', 'domain'],
              allowTypeOnly: ['activities'],
              reason:
                'workflow code is bundled for the deterministic sandbox: it reaches activities through proxyActivities and their types only',
            },
            {
              files: 'activities',
              allow: ['activities', 'domain', 'db'],
              reason: 'activities do the I/O for the workflows and never call back into them or the apps',
            },
            { files: 'db', allow: ['db', 'domain'], reason: 'the database layer serves the layers above it' },
            {
              files: 'net',
              allow: ['net', 'domain'],
              reason:
                'outbound network policy, shared by the apps that call out; it knows no database or app',
            },
            {
              files: 'temporal',
              allow: ['temporal', 'domain'],
              reason:
                'how the processes reach Temporal (connection, payload encryption); it knows no database or app',
            },
            {
              // The console runs in the browser and reaches the server over HTTP only.
              files: 'apps/web',
              allow: ['apps/web'],
              reason: 'the console is browser code: it talks to the API over HTTP and imports no server code',
            },
            {
              // The composition root: `npm start` brings the API, the worker and the dispatcher up in
              // one process, so it alone may import the other apps' entry points and configuration.
              files: 'apps/start',
              allow: ['apps/start', 'apps/api', 'apps/worker', 'apps/dispatcher', ...LOWER_LAYERS],
              reason: 'apps/start composes the other apps and the layers below',
            },
            {
              // The demo replays the spec's worked examples, which live with the test fixtures.
              files: 'apps/cli',
              allow: ['$self', 'test/fixtures', ...LOWER_LAYERS],
              reason: 'an app imports no other app; shared code belongs in a lower layer',
            },
            {
              files: 'apps/*',
              allow: ['$self', ...LOWER_LAYERS],
              reason: 'an app imports no other app; shared code belongs in a lower layer',
            },
          ],
        },
      ],
    },
  },
  {
    // The domain is pure: no I/O, no clock, no framework.
    files: ['domain/**/*.ts'],
    ignores: ['domain/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'os', 'child_process', 'http', 'https', 'net'],
              message: 'domain/ does no I/O',
            },
            { group: ['@nestjs/*', '@temporalio/*', 'typeorm', 'pg'], message: 'domain/ is framework-free' },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'domain/ never reads the clock',
        },
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'domain/ never reads the clock',
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: {
      globals: {
        module: 'writable',
        require: 'readonly',
        process: 'readonly',
        __dirname: 'readonly',
        console: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
