import type { RosterField } from '../domain/roster';

export interface RosterColumn {
  header: string;
  /** What the column fills: from the mapping given, else a preset, else null (reported as unknown). */
  field: RosterField | null;
  /** True when the field came from the presets rather than the mapping given. */
  preset: boolean;
  /** The first non-empty value, to help choose. */
  sample: string;
}

export interface RosterRowOutcome {
  /** The line in the file (the header is line 1). */
  line: number;
  name: string;
  action: 'create' | 'update' | 'skip';
  /** For updates, what changes ("Grade: 2 → 3"); for skips, why. */
  detail: string;
}

export interface RosterImportResult {
  created: number;
  skipped: { line: number; reason: string }[];
  updated: number;
  /** Columns nothing reads (not in the mapping and no preset), so the user knows they were not used. */
  unknownColumns: string[];
  /** Schools that will be (or were) created because no school has that name. */
  newSchools: string[];
  rows: RosterRowOutcome[];
}

export interface RosterPreview extends RosterImportResult {
  columns: RosterColumn[];
  /** The cells read, to send back with importRoster (or a new mapping) without reading the file again. */
  table: { headers: string[]; rows: string[][] };
  /** Required fields no column fills: nothing can be imported until they are mapped. */
  missing: RosterField[];
}
