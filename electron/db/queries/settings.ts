import type { AppSettings } from '../../../shared/api/types';
import { DEFAULT_MAKEUP_CODES, DEFAULT_PROGRESS_CODES } from '../../../shared/domain/codes';
import { DEFAULT_UNIT_RULE } from '../../../shared/domain/medicaid';
import type { Sqlite } from '../db';

export const DEFAULT_SETTINGS: AppSettings = {
  providerName: '',
  credentials: 'OTR/L',
  district: '',
  npi: '',
  complianceThreshold: 0.9,
  prorateShortWeeks: false,
  makeupCodes: DEFAULT_MAKEUP_CODES,
  progressCodes: DEFAULT_PROGRESS_CODES,
  medicaidUnits: DEFAULT_UNIT_RULE,
  // 40 hours a week.
  contractedWeeklyMinutes: 2400,
};

export function getSettings(db: Sqlite): AppSettings {
  const rows = db.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[];
  const out: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const r of rows) if (r.key in DEFAULT_SETTINGS) out[r.key] = JSON.parse(r.value);
  return out as unknown as AppSettings;
}

export function updateSettings(db: Sqlite, patch: Partial<AppSettings>): AppSettings {
  const put = db.prepare(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
  );
  db.transaction(() => {
    for (const [k, v] of Object.entries(patch)) if (v !== undefined) put.run(k, JSON.stringify(v));
  })();
  return getSettings(db);
}
