// Layer rules of Koers (README "Architecture"), checked by `npm test` through `npm run check:deps`.
// Imports point down only: web → app → db → domain; lib is shared by all and imports none of them.
// src/cli and src/demo (the demo seeder) sit above app, beside web: only src/server.ts imports src/demo.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No import cycles, type-only imports included: a cycle ties its modules into one.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment: 'src/domain holds the rules: no I/O, no framework, nothing of the other layers.',
      from: { path: '^src/domain/' },
      to: { path: '^src/(db|app|web|lib|cli|demo)/|^src/server\\.ts$' },
    },
    {
      name: 'domain-no-io',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { dependencyTypes: ['core', 'npm'], pathNot: '(^|/)node_modules/(zod|date-fns)/' },
    },
    {
      name: 'lib-is-base',
      severity: 'error',
      from: { path: '^src/lib/' },
      to: { path: '^src/(db|app|web|cli|demo)/|^src/server\\.ts$' },
    },
    {
      name: 'db-below-app',
      severity: 'error',
      comment: 'Repositories hold SQL only; they do not call use cases or know about HTTP.',
      from: { path: '^src/db/' },
      to: { path: '^src/(app|web|cli|demo)/|^src/server\\.ts$' },
    },
    {
      name: 'app-below-web',
      severity: 'error',
      comment: 'Use cases take typed input and an actor; they know nothing of Express or views.',
      from: { path: '^src/app/' },
      to: { path: '^src/(web|cli|demo)/|^src/server\\.ts$|^node_modules/express/' },
    },
    {
      name: 'demo-only-from-server',
      severity: 'error',
      comment:
        'The demo seeder (src/demo) writes through the use cases and repositories; only src/server.ts seeds. ' +
        'Nothing of db/app/web/domain/lib/cli imports it.',
      from: { path: '^src/', pathNot: '^src/(demo/|server\\.ts$)' },
      to: { path: '^src/demo/' },
    },
    {
      name: 'demo-not-web',
      severity: 'error',
      comment: 'The demo seeder writes data; it knows nothing of HTTP, views or the command line.',
      from: { path: '^src/demo/' },
      to: { path: '^src/(web|cli)/|^src/server\\.ts$|^node_modules/express/' },
    },
    {
      name: 'no-route-imports-route',
      severity: 'error',
      comment: 'A router never imports another router; shared page helpers live in their own modules.',
      from: { path: '^src/web/routes/([^/]+)\\.ts$' },
      to: { path: '^src/web/routes/', pathNot: '^src/web/routes/$1\\.ts$' },
    },
    {
      name: 'routes-read-through-app',
      severity: 'error',
      comment: 'A router parses, calls one use case and renders: it reads and writes data only through src/app.',
      from: { path: '^src/web/routes/' },
      to: { path: '^src/db/', dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
