#!/usr/bin/env node
/**
 * The registry this project installs from has no copy of some foreign-platform binaries
 * (e.g. @swc/core-darwin-arm64@1.16.22), so npm leaves them out of package-lock.json while the
 * packages that name them still list them as optional — and `npm ci` then refuses the lock file.
 * This drops those dangling optional names so `npm ci` works. Run it after changing dependencies:
 * `npm run lock:prune`.
 */
const { readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const path = join(__dirname, '..', 'package-lock.json');
const lock = JSON.parse(readFileSync(path, 'utf8'));
const present = new Set(Object.keys(lock.packages).map((key) => key.split('node_modules/').pop()));
const dropped = [];
for (const entry of Object.values(lock.packages)) {
  for (const name of Object.keys(entry.optionalDependencies ?? {})) {
    if (!present.has(name)) {
      delete entry.optionalDependencies[name];
      dropped.push(name);
    }
  }
}
writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`);
console.error(
  `package-lock.json: dropped ${dropped.length} optional dependencies the registry does not have`,
);
