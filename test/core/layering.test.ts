import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

// The layering table in eslint.config.js, exercised on snippets placed virtually inside the tree.
let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: process.cwd() });
});

async function layeringErrors(code: string, filePath: string): Promise<string[]> {
  const results = await eslint.lintText(code, { filePath });
  expect(results).toHaveLength(1);
  return results[0]!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('core layering', () => {
  it('refuses an import against the arrows: ami reaching up into live', async () => {
    const errors = await layeringErrors("import { LiveModel } from '../live/model';\nexport const m = LiveModel;\n", 'electron/core/ami/probe.ts');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('electron/core/ami may import only base');
  });

  it('keeps base at the bottom and app at the top: base imports nothing, nothing imports app', async () => {
    const up = "import type { Snapshot } from '../contract';\nexport type S = Snapshot;\n";
    expect(await layeringErrors(up, 'electron/core/base/probe.ts')).toEqual([expect.stringContaining('electron/core/base may import only itself')]);
    const root = "import type { CoreContext } from '../app/context';\nexport type C = CoreContext;\n";
    for (const layer of ['server', 'actions', 'vendor-api', 'gateway']) {
      expect(await layeringErrors(root, `electron/core/${layer}/probe.ts`), layer).toHaveLength(1);
    }
    const down = "import { formatLocal } from '../base/time-zone';\nexport const f = formatLocal;\n";
    expect(await layeringErrors(down, 'electron/core/ami/probe.ts')).toEqual([]);
  });

  it('accepts an import along an arrow and within a folder', async () => {
    const code = "import type { CallRow } from '../contract';\nimport { openDatabase } from './db';\nexport type R = CallRow;\nexport const o = openDatabase;\n";
    expect(await layeringErrors(code, 'electron/core/store/probe.ts')).toEqual([]);
  });

  it('counts the folder depth: a nested demo file may not reach app', async () => {
    const code = "import { startCore } from '../../app/core';\nexport const s = startCore;\n";
    expect(await layeringErrors(code, 'electron/core/demo/ami/probe.ts')).toHaveLength(1);
    const sibling = "import { x } from '../story/probe';\nexport const y = x;\n";
    expect(await layeringErrors(sibling, 'electron/core/demo/ami/probe.ts')).toEqual([]);
  });

  it('keeps electron and the renderer out of the core', async () => {
    const code = "import { app } from 'electron';\nimport { x } from '../../../renderer/src/router';\nexport const y = [app, x];\n";
    expect(await layeringErrors(code, 'electron/core/live/probe.ts')).toHaveLength(2);
    // No file is let through any more: the export labels read the contract's shared words.
    const words = "import zh from '../../../renderer/src/i18n/zh-CN.json';\nexport const w = zh;\n";
    expect(await layeringErrors(words, 'electron/core/store/export-labels.ts')).toHaveLength(1);
    expect(await layeringErrors(words, 'electron/core/server/export-labels.ts')).toHaveLength(1);
  });

  it('lets the renderer reach the core only as @contract', async () => {
    const deep = "import { LiveModel } from '../../../electron/core/live/model';\nexport const m = LiveModel;\n";
    expect(await layeringErrors(deep, 'renderer/src/stores/probe.ts')).toHaveLength(1);
    const contract = "import type { Call } from '../../../electron/core/contract';\nexport type C = Call;\n";
    expect(await layeringErrors(contract, 'renderer/src/stores/probe.ts')).toHaveLength(1);
    const alias = "import type { Call } from '@contract';\nexport type C = Call;\n";
    expect(await layeringErrors(alias, 'renderer/src/stores/probe.ts')).toEqual([]);
  });
});
