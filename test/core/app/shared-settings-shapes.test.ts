import { describe, expect, it } from 'vitest';
import { pulledSettingProblem } from '../../../electron/core/app/shared-settings-sync';
import { settingKeys, sharedSettingKeys } from '../../../electron/core/base/setting-keys';
import { defaultAlertRulesBook } from '../../../electron/core/contract/alerts';
import { defaultStatsRulesBook } from '../../../electron/core/contract/figures';
import { defaultPauseReasons } from '../../../electron/core/contract/pause-reasons';

// A setting pulled from a shared history is applied only in the shape its setter stores.

const stored: Record<string, unknown> = {
  [settingKeys.statsRules]: { ...defaultStatsRulesBook, queues: { '630': { slSeconds: 30, slFormula: 'answered', shortAbandonSeconds: 5 } } },
  [settingKeys.pauseReasons]: defaultPauseReasons.map(({ isSystem: _isSystem, ...reason }) => reason),
  [settingKeys.wallboardThresholds]: { '*': { waitingAmber: 3, waitingRed: 6 } },
  [settingKeys.wallboardBoards]: [],
  [settingKeys.alertRules]: defaultAlertRulesBook,
  [settingKeys.blacklistNotes]: { '13800138000': { note: '骚扰电话', addedBy: 'operator:li@10.0.0.9', addedAt: 1_764_000_000_000 } },
};

describe('pulledSettingProblem', () => {
  it('takes every shared setting as its setter stores it', () => {
    for (const key of sharedSettingKeys) expect([key, pulledSettingProblem(key, JSON.stringify(stored[key]))]).toEqual([key, undefined]);
  });

  it('refuses what is not JSON, not the shape, or not a shared setting', () => {
    expect(pulledSettingProblem(settingKeys.statsRules, '{"defaults":')).toMatch(/not JSON/);
    expect(pulledSettingProblem(settingKeys.statsRules, JSON.stringify({ defaults: { slSeconds: -5 } }))).toMatch(/^stats\.rules: /);
    expect(pulledSettingProblem(settingKeys.pauseReasons, '[]')).toMatch(/^actions\.pauseReasons: /);
    expect(pulledSettingProblem(settingKeys.blacklistNotes, JSON.stringify({ '1': { note: 'x'.repeat(201) } }))).toMatch(/^actions\.blacklistNotes: /);
    expect(pulledSettingProblem(settingKeys.storedConnections, '[]')).toMatch(/not a shared setting/);
  });
});
