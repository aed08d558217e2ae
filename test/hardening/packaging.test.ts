// CI cannot download Electron, so packaging is checked in two halves: the
// electron-builder configuration against electron-builder's own schema (the
// validation `electron-builder` runs first), and the build output it packs.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const root = process.cwd();

interface BuilderConfig {
  appId?: string;
  productName?: string;
  /** getConfig normalises the list to one `{ filter }` set. */
  files?: ({ filter: string[] } | string)[];
  asarUnpack?: string[];
  npmRebuild?: boolean;
  directories?: { buildResources?: string };
  linux?: { target?: string[]; icon?: string; executableName?: string; desktop?: { entry?: Record<string, string> } };
  deb?: { depends?: string[] };
  win?: { target?: string[]; icon?: string };
  nsis?: { shortcutName?: string };
  mac?: { target?: string[]; icon?: string };
  [key: string]: unknown;
}

const builderConfig = require('app-builder-lib/out/util/config/config') as {
  getConfig(projectDir: string, configPath: string | null, configFromOptions: unknown): Promise<BuilderConfig>;
  validateConfiguration(config: BuilderConfig, debugLogger: { isEnabled: boolean; add(key: string, value: unknown): void }): Promise<void>;
};
const quietDebug = { isEnabled: false, add: () => {} };
const load = () => builderConfig.getConfig(root, join(root, 'electron-builder.yml'), null);

describe('electron-builder.yml', () => {
  it("passes electron-builder's own schema validation", async () => {
    await expect(builderConfig.validateConfiguration(await load(), quietDebug)).resolves.toBeUndefined();
  });

  it('the validation is real: a misspelt option is refused', async () => {
    const config = { ...(await load()), linux: { ...(await load()).linux, tagret: ['AppImage'] } };
    await expect(builderConfig.validateConfiguration(config, quietDebug)).rejects.toThrow(/configuration\.linux/);
    await expect(builderConfig.validateConfiguration({ ...(await load()), nsis: { oneClik: false } as BuilderConfig['nsis'] }, quietDebug)).rejects.toThrow(/configuration\.nsis/);
  });

  it('builds AppImage + deb, NSIS and dmg, under an ASCII product name with the Chinese name shown to users', async () => {
    const config = await load();
    expect(config.appId).toBe('cn.callboard.console');
    expect(config.productName).toMatch(/^[\x20-\x7e]+$/);
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.win?.target).toEqual(['nsis']);
    expect(config.mac?.target).toEqual(['dmg']);
    expect(config.linux?.desktop?.entry?.Name).toContain('电话监控台');
    expect(config.nsis?.shortcutName).toContain('电话监控台');
    // Fuses: the packaged binary refuses ELECTRON_RUN_AS_NODE, NODE_OPTIONS and --inspect, and file:// gets no extra privileges (the renderer is app://).
    expect(config.electronFuses).toMatchObject({ runAsNode: false, enableNodeOptionsEnvironmentVariable: false, enableNodeCliInspectArguments: false, onlyLoadAppFromAsar: true, grantFileProtocolExtraPrivileges: false });
    // safeStorage on Linux needs the keyring library.
    expect(config.deb?.depends).toContain('libsecret-1-0');
  });

  it('rebuilds and unpacks the native SQLite module, and names icons that exist', async () => {
    const config = await load();
    expect(config.npmRebuild).not.toBe(false);
    expect(config.asarUnpack).toContain('**/*.node');
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; scripts: Record<string, string> };
    expect(pkg.dependencies['better-sqlite3']).toBeDefined();
    expect(pkg.scripts.dist).toMatch(/(electron-vite build|npm run build).*electron-builder/);
    for (const icon of [config.win?.icon, config.mac?.icon]) expect(existsSync(join(root, icon!)), icon).toBe(true);
    for (const size of [16, 32, 48, 64, 128, 256, 512]) expect(existsSync(join(root, config.linux!.icon!, `${size}x${size}.png`))).toBe(true);
    // PNG header and size: electron-builder derives .icns from a ≥ 512×512 icon.png.
    const png = readFileSync(join(root, 'resources/icon.png'));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);
  });

  // The pack step itself needs the Electron binary; what it packs is checked when it has been built.
  it.skipIf(!existsSync(join(root, 'out/main/index.js')))('the build output has everything the file globs pack', async () => {
    const config = await load();
    const globs = (config.files ?? []).flatMap((entry) => (typeof entry === 'string' ? [entry] : entry.filter));
    expect(globs).toEqual(expect.arrayContaining(['out/main/**', 'out/preload/**', 'out/renderer/**']));
    for (const file of ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html']) expect(existsSync(join(root, file)), file).toBe(true);
    // Migrations are read at run time next to the main bundle.
    expect(existsSync(join(root, 'out/main/migrations/001_init.sql'))).toBe(true);
    const main = readFileSync(join(root, 'out/main/index.js'), 'utf8');
    expect(main).toContain('requestSingleInstanceLock');
    expect(main).toContain('render-process-gone');
  });
});
