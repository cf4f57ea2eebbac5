import type { Slot, WeekView } from '../../../../shared/api/types-schedule';
import { SETTING_LABELS } from '../../../../shared/domain/codes';
import { WEEKDAY_NAMES } from '../../../../shared/domain/schedule';
import { useApi } from '../../api';
import { ErrorMessage, Loading } from '../../components/ui';

/** The slots in effect from this week on, to change or (when nothing was logged from them) delete. */
export function SlotsPanel({
  monday,
  schools,
  onEdit,
  onDelete,
}: {
  monday: string;
  schools: WeekView['schools'];
  onEdit: (s: Slot) => void;
  onDelete: (s: Slot) => void;
}) {
  const slots = useApi('listSlots', {});
  if (slots.isPending) return <Loading />;
  if (!slots.data) return <ErrorMessage error={slots.error} />;
  const current = slots.data.filter((s) => !s.endDate || s.endDate >= monday);
  if (current.length === 0) return <p className="muted">No slots from this week on. Add one with “Add slot…”.</p>;
  return (
    <table className="table">
      <thead>
        <tr>
          <th>School</th>
          <th>Time</th>
          <th>When</th>
          <th>Setting</th>
          <th>Students</th>
          <th>Dates</th>
          <th>
            <span className="sr-only">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {current.map((s) => (
          <tr key={s.id}>
            <td>{s.school}</td>
            <td>
              {s.startTime}–{s.endTime}
            </td>
            <td>
              {s.recurrence.kind === 'weekdays'
                ? s.recurrence.days.map((d) => WEEKDAY_NAMES[d]).join(', ')
                : s.recurrence.kind === 'rotation'
                  ? `Rotation day ${s.recurrence.days.map((d) => schools.find((x) => x.schoolId === s.schoolId)?.rotation?.names[d] ?? d + 1).join(', ')}`
                  : `Once, ${s.recurrence.date}`}
            </td>
            <td>
              {SETTING_LABELS[s.setting]}, {s.grouping}
            </td>
            <td>
              {s.students
                .filter((m) => !m.endDate || m.endDate >= monday)
                .map((m) => m.name)
                .join(', ')}
            </td>
            <td>
              {s.startDate} to {s.endDate ?? '…'}
            </td>
            <td className="actions">
              <button type="button" onClick={() => onEdit(s)}>
                Edit…
              </button>
              {s.loggedCount === 0 && (
                <button type="button" className="danger" onClick={() => onDelete(s)}>
                  Delete…
                </button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
