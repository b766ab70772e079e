// NSwag derives C# property names from JSON names but keeps underscores (flow_config -> Flow_config). This step,
// run by generate.sh right after NSwag, renames such identifiers to PascalCase (FlowConfig). It only touches code:
// comment lines, preprocessor lines and string literals (the JsonPropertyName values) are left as generated, so the
// wire names stay exact. Usage: node pascalize-identifiers.mjs <file.g.cs>...
import { readFileSync, writeFileSync } from 'node:fs';

const snakeIdentifier = /\b[A-Z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+\b/g;
const pascal = (identifier) =>
  identifier.split('_').map((part) => part.charAt(0).toUpperCase() + part.slice(1)).join('');

function pascalizeLine(line) {
  const trimmed = line.trimStart();
  if (trimmed.startsWith('//') || trimmed.startsWith('#')) {
    return line;
  }
  // Split on double quotes: even segments are code, odd segments are string literals (generated code has no
  // escaped quotes outside comments).
  return line
    .split('"')
    .map((segment, index) => (index % 2 === 0 ? segment.replace(snakeIdentifier, pascal) : segment))
    .join('"');
}

for (const file of process.argv.slice(2)) {
  const text = readFileSync(file, 'utf8');
  const result = text.split('\n').map(pascalizeLine).join('\n');
  if (result !== text) {
    writeFileSync(file, result, 'utf8');
  }
}
