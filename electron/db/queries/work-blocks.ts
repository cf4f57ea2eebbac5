// The therapist's non-student blocks: create, change (from a date for a weekly block), delete, and
// their occurrences for the week grid, the agenda, conflicts and free time.
import type { z } from 'zod';
import type * as sw from '../../../shared/api/schemas-workload';
import type { BlockView, WorkBlock } from '../../../shared/api/types-workload';
import { addDays, timeToMinutes } from '../../../shared/domain/dates';
import { type BlockDef, type BlockOccurrence, blockOccurrences } from '../../../shared/domain/work-blocks';
import { BLOCK_LABELS, type BlockKind } from '../../../shared/domain/workload';
import { invalid, notFound } from '../../ipc/errors';
import type { Sqlite } from '../db';
import { calendarsFor } from './minutes';
import { getSchool } from './schools';

interface Row {
  id: number;
  kind: BlockKind;
  schoolId: number | null;
  school: string | null;
  startTime: string;
  endTime: string;
  recurrence: 'once' | 'weekdays';
  startDate: string;
  endDate: string | null;
  days: string;
  note: string | null;
}

const BLOCK_SQL = `SELECT b.id, b.kind, b.school_id AS schoolId, sc.name AS school, b.start_time AS startTime,
  b.end_time AS endTime, b.recurrence, b.start_date AS startDate, b.end_date AS endDate, b.days, b.note
  FROM work_blocks b LEFT JOIN schools sc ON sc.id = b.school_id`;

function toBlock(r: Row): WorkBlock & BlockDef {
  return {
    id: r.id,
    kind: r.kind,
    schoolId: r.schoolId,
    school: r.school,
    startTime: r.startTime,
    endTime: r.endTime,
    minutes: timeToMinutes(r.endTime) - timeToMinutes(r.startTime),
    startDate: r.startDate,
    endDate: r.endDate,
    recurrence:
      r.recurrence === 'once'
        ? { kind: 'once', date: r.startDate }
        : { kind: 'weekdays', days: r.days === '' ? [] : r.days.split(',').map(Number) },
    note: r.note,
  };
}

export function listBlocks(db: Sqlite, filter: { schoolId?: number | undefined } = {}): WorkBlock[] {
  const rows = db
    .prepare(`${BLOCK_SQL} ${filter.schoolId ? 'WHERE b.school_id = ?' : ''} ORDER BY b.start_date, b.start_time, b.id`)
    .all(...(filter.schoolId ? [filter.schoolId] : [])) as Row[];
  return rows.map(toBlock);
}

export function getBlock(db: Sqlite, id: number, field = 'id'): WorkBlock {
  const r = db.prepare(`${BLOCK_SQL} WHERE b.id = ?`).get(id) as Row | undefined;
  if (!r) throw notFound('Block', id, field);
  return toBlock(r);
}

type Fields = z.output<typeof sw.BlockInput>;

/** The stored dates of a block: a one-off block's date is both its first and last date. */
function datesOf(v: Fields): { startDate: string; endDate: string | null } {
  if (v.recurrence.kind === 'once') return { startDate: v.recurrence.date, endDate: v.recurrence.date };
  return { startDate: v.startDate!, endDate: v.endDate };
}

const daysOf = (v: Fields) =>
  v.recurrence.kind === 'once' ? '' : [...new Set(v.recurrence.days)].sort((a, b) => a - b).join(',');

function insert(db: Sqlite, v: Fields, replaces: number | null = null): number {
  if (v.schoolId != null) getSchool(db, v.schoolId);
  const { startDate, endDate } = datesOf(v);
  const r = db
    .prepare(
      `INSERT INTO work_blocks (kind, school_id, start_time, end_time, recurrence, start_date, end_date, days, note,
        replaces_block_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      v.kind,
      v.schoolId,
      v.startTime,
      v.endTime,
      v.recurrence.kind,
      startDate,
      endDate,
      daysOf(v),
      v.note,
      replaces,
    );
  return Number(r.lastInsertRowid);
}

export function createBlock(db: Sqlite, v: Fields): WorkBlock {
  return getBlock(db, insert(db, v));
}

/**
 * Changes a block. A weekly block changed from a date after its first day is ended the day before and
 * a new block starts then, so the weeks before keep their workload; otherwise it is corrected in place.
 */
export function changeBlock(db: Sqlite, v: z.output<typeof sw.BlockChange>): WorkBlock {
  const old = getBlock(db, v.id);
  const { id, from, ...fields } = v;
  if (from && old.recurrence.kind === 'weekdays' && from > old.startDate) {
    if (old.endDate && from > old.endDate) throw invalid('from', `this block ended on ${old.endDate}`);
    db.prepare('UPDATE work_blocks SET end_date = ? WHERE id = ?').run(addDays(from, -1), id);
    const start =
      fields.recurrence.kind === 'weekdays' && fields.startDate && fields.startDate > from ? fields.startDate : from;
    return getBlock(db, insert(db, { ...fields, startDate: start }, id));
  }
  if (fields.schoolId != null) getSchool(db, fields.schoolId);
  const { startDate, endDate } = datesOf(fields);
  db.prepare(
    `UPDATE work_blocks SET kind = ?, school_id = ?, start_time = ?, end_time = ?, recurrence = ?, start_date = ?,
      end_date = ?, days = ?, note = ? WHERE id = ?`,
  ).run(
    fields.kind,
    fields.schoolId,
    fields.startTime,
    fields.endTime,
    fields.recurrence.kind,
    startDate,
    endDate,
    daysOf(fields),
    fields.note,
    id,
  );
  return getBlock(db, id);
}

export function deleteBlock(db: Sqlite, id: number): { id: number } {
  getBlock(db, id);
  db.prepare('DELETE FROM work_blocks WHERE id = ?').run(id);
  return { id };
}

/** The blocks' occurrences over [from, to] (the rule in shared/domain/work-blocks.ts). */
export function blocksBetween(db: Sqlite, from: string, to: string): (BlockOccurrence & { school: string | null })[] {
  const rows = (
    db
      .prepare(`${BLOCK_SQL} WHERE b.start_date <= ? AND (b.end_date IS NULL OR b.end_date >= ?)`)
      .all(to, from) as Row[]
  ).map(toBlock);
  const names = new Map(rows.map((r) => [r.id, r.school]));
  const calendars = calendarsFor(db);
  const all = [...calendars.values()];
  const workday = (schoolId: number | null, day: number) =>
    schoolId != null
      ? (calendars.get(schoolId)?.isInstructional(day) ?? false)
      : all.some((c) => c.isInstructional(day));
  return blockOccurrences(rows, from, to, workday).map((o) => ({ ...o, school: names.get(o.blockId) ?? null }));
}

export function blockViews(db: Sqlite, from: string, to: string): BlockView[] {
  const recurring = new Set(
    (
      db
        .prepare(
          "SELECT id FROM work_blocks WHERE recurrence = 'weekdays' AND start_date <= ? AND (end_date IS NULL OR end_date >= ?)",
        )
        .all(to, from) as { id: number }[]
    ).map((r) => r.id),
  );
  return blocksBetween(db, from, to).map((o) => ({
    blockId: o.blockId,
    date: o.date,
    kind: o.kind,
    label: BLOCK_LABELS[o.kind],
    schoolId: o.schoolId,
    school: o.school,
    startTime: o.startTime,
    endTime: o.endTime,
    minutes: o.minutes,
    note: o.note,
    recurring: recurring.has(o.blockId),
    conflicts: [],
  }));
}
