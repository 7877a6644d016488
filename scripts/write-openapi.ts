// Writes the ingest API's OpenAPI document to docs/openapi.json (CI checks the file is current).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildOpenApi } from '../src/api/openapi.js';
import { projectRoot } from '../src/paths.js';

writeFileSync(join(projectRoot, 'docs/openapi.json'), `${JSON.stringify(buildOpenApi(), null, 2)}\n`);
console.log('wrote docs/openapi.json');
