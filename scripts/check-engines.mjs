// Fails when a package in package-lock.json declares a Node.js range that does not hold every Node.js
// version this project says it supports (package.json `engines.node`), or when the Node.js running this
// script is outside that range. npm only warns about such packages on install; they fail later, at run
// time, on the older versions. Usage: node scripts/check-engines.mjs [path/to/package-lock.json]
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import semver from 'semver';

const lockPath = process.argv[2] ?? 'package-lock.json';
const lock = JSON.parse(readFileSync(lockPath, 'utf8'));
const manifest = JSON.parse(readFileSync(join(dirname(lockPath), 'package.json'), 'utf8'));
const supported = manifest.engines?.node;
if (!supported || !semver.validRange(supported)) {
  console.error(`package.json engines.node must be a version range, got ${JSON.stringify(supported)}`);
  process.exit(1);
}

const problems = [];
if (!semver.satisfies(process.version, supported))
  problems.push(`this Node.js (${process.version}) is outside engines.node "${supported}"`);

let checked = 0;
for (const [path, entry] of Object.entries(lock.packages ?? {})) {
  const range = entry.engines?.node;
  if (!path || range === undefined) continue;
  checked++;
  const name = path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
  // An unparsable range is a problem too: npm cannot check it either.
  if (!semver.validRange(range, { loose: true }) || !semver.subset(supported, range, { loose: true }))
    problems.push(`${name}@${entry.version} needs Node.js "${range}", which misses part of "${supported}"`);
}

if (problems.length > 0) {
  console.error(`${problems.length} engines problem(s):\n${problems.join('\n')}`);
  process.exit(1);
}
console.log(`engines: ${checked} packages accept every Node.js in "${supported}" (running ${process.version})`);
