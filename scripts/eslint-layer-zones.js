/**
 * ESLint rule `layers/zones`: which folders of the project a file may import from. Relative imports
 * are resolved to the folder they reach, so `../../worker/schedules` from apps/api counts as
 * apps/worker, which a pattern on the import text alone could not see. Packages are left to
 * `no-restricted-imports`.
 *
 * Options: { zones: [{ files, allow, allowTypeOnly?, reason }] }. `files` is a folder (the first
 * zone containing the file applies); `apps/*` stands for each app, and `$self` in `allow` for the
 * file's own app. `allowTypeOnly` folders may be imported with `import type` only (erased at
 * compile time, so nothing of them runs). Spec files may also import `test/`.
 */
const path = require('node:path');

const toPosix = (p) => p.split(path.sep).join('/');
const within = (target, folder) => target === folder || target.startsWith(`${folder}/`);

function zoneOf(file, zones) {
  for (const zone of zones) {
    if (zone.files === 'apps/*') {
      const m = /^apps\/([^/]+)\//.exec(file);
      if (m) return { ...zone, self: `apps/${m[1]}` };
    } else if (within(file, zone.files)) {
      return { ...zone, self: zone.files };
    }
  }
  return null;
}

module.exports = {
  meta: {
    type: 'problem',
    docs: { description: 'keep imports inside the layer zones of the architecture' },
    schema: [{ type: 'object', properties: { zones: { type: 'array' } }, additionalProperties: false }],
    messages: {
      forbidden: '{{file}} may not import {{target}} ({{source}}): {{reason}}',
      typeOnly: '{{file}} may import {{target}} ({{source}}) with `import type` only: {{reason}}',
    },
  },
  create(context) {
    const cwd = context.cwd;
    const file = toPosix(path.relative(cwd, context.filename));
    const zone = zoneOf(file, context.options[0]?.zones ?? []);
    if (!zone) return {};
    const allowed = zone.allow.map((f) => (f === '$self' ? zone.self : f));
    if (/\.spec\.ts$/.test(file)) allowed.push('test');
    const typeOnlyAllowed = zone.allowTypeOnly ?? [];

    function check(node, source, typeOnly) {
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const target = toPosix(path.relative(cwd, path.resolve(path.dirname(context.filename), source)));
      if (allowed.some((f) => within(target, f))) return;
      const data = { file, target, source, reason: zone.reason };
      if (typeOnlyAllowed.some((f) => within(target, f))) {
        if (!typeOnly) context.report({ node, messageId: 'typeOnly', data });
        return;
      }
      context.report({ node, messageId: 'forbidden', data });
    }

    const typeOnlyImport = (node) =>
      node.importKind === 'type' ||
      (node.specifiers.length > 0 && node.specifiers.every((s) => s.importKind === 'type'));

    return {
      ImportDeclaration: (node) => check(node, node.source.value, typeOnlyImport(node)),
      ExportNamedDeclaration: (node) =>
        node.source && check(node, node.source.value, node.exportKind === 'type'),
      ExportAllDeclaration: (node) => check(node, node.source.value, node.exportKind === 'type'),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value, false),
      TSImportEqualsDeclaration: (node) =>
        node.moduleReference.type === 'TSExternalModuleReference' &&
        check(node, node.moduleReference.expression.value, node.importKind === 'type'),
      CallExpression: (node) =>
        node.callee.type === 'Identifier' &&
        node.callee.name === 'require' &&
        node.arguments[0]?.type === 'Literal' &&
        check(node, node.arguments[0].value, false),
    };
  },
};
