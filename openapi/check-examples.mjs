// Checks that every vendor JSON example kept as a test fixture (tests/Unico.IdCloud.Client.Tests/Fixtures/vendor)
// is embedded, identical, as a named example in the OpenAPI documents, so the contract and the contract tests can
// not drift apart. Run by check-drift.sh. Usage: node check-examples.mjs
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { parse } from 'yaml';

const here = dirname(fileURLToPath(import.meta.url));
const fixtures = join(here, '..', 'tests', 'Unico.IdCloud.Client.Tests', 'Fixtures', 'vendor');
const documents = ['idcloud-process.yaml', 'idcloud-sign.yaml'];

const examples = new Map();
function collect(node, document) {
  if (Array.isArray(node)) {
    node.forEach((item) => collect(item, document));
  } else if (node !== null && typeof node === 'object') {
    if (node.examples !== null && typeof node.examples === 'object' && !Array.isArray(node.examples)) {
      for (const [name, example] of Object.entries(node.examples)) {
        if (example !== null && typeof example === 'object' && 'value' in example) {
          examples.set(name, { value: example.value, document });
        }
      }
    }
    Object.values(node).forEach((value) => collect(value, document));
  }
}
for (const document of documents) {
  collect(parse(readFileSync(join(here, document), 'utf8')), document);
}

const problems = [];
const names = readdirSync(fixtures).filter((file) => file.endsWith('.json')).sort();
for (const file of names) {
  const name = basename(file, '.json');
  const fixture = JSON.parse(readFileSync(join(fixtures, file), 'utf8'));
  const example = examples.get(name);
  if (!example) {
    problems.push(`${file}: no example named "${name}" in ${documents.join(' or ')}`);
  } else if (!isDeepStrictEqual(example.value, fixture)) {
    problems.push(`${file}: differs from the example "${name}" in ${example.document}`);
  }
}

if (problems.length > 0) {
  console.error(problems.map((problem) => `error: ${problem}`).join('\n'));
  process.exit(1);
}
console.log(`All ${names.length} vendor fixtures match the examples embedded in the contract.`);
