import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { methods } from '../../electron/core/contract/methods';

// A renderer (or a LAN token holder) must not name files on the core's machine:
// exports leave as downloads and imports arrive as uploads (server/export-route.ts,
// import-route.ts). This walks every contract request schema for path-like fields.
const pathLike = /^(file|files|path|paths|dir|directory|folder|filename|filePath)$/i;
// `recordings.url` names a recording *inside* the configured recordings folder; the
// route refuses anything that would leave it (test/core/server/recordings.test.ts).
// `schedules.save` names a folder *inside* the folders the config file allows
// (reports.folders, default <dataDir>/reports), links resolved; the core names the
// files (test/core/reports/scheduled-reports.test.ts).
const allowed = new Set(['recordings.url:file', 'schedules.save:folder']);

function propertyNames(schema: unknown, into: Set<string>): Set<string> {
  if (Array.isArray(schema)) for (const item of schema) propertyNames(item, into);
  else if (schema && typeof schema === 'object') {
    for (const [key, value] of Object.entries(schema)) {
      if (key === 'properties' && value && typeof value === 'object') for (const name of Object.keys(value)) into.add(name);
      propertyNames(value, into);
    }
  }
  return into;
}

describe('the contract', () => {
  it('has no method that takes a file path', () => {
    const found: string[] = [];
    for (const [name, spec] of Object.entries(methods)) {
      const schema = z.toJSONSchema(spec.request, { unrepresentable: 'any', io: 'input' });
      for (const property of propertyNames(schema, new Set())) {
        if (pathLike.test(property) && !allowed.has(`${name}:${property}`)) found.push(`${name}:${property}`);
      }
    }
    expect(found).toEqual([]);
    // The walk itself sees fields: the one allowed name is found where it is.
    expect(propertyNames(z.toJSONSchema(methods['recordings.url'].request), new Set())).toContain('file');
  });
});
