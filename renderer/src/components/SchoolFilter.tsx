import { useApi } from '../api';

/** "School: All schools / …" as used by the list screens' filter bars. */
export function SchoolFilter({
  value,
  onChange,
}: {
  value: number | undefined;
  onChange: (id: number | undefined) => void;
}) {
  const schools = useApi('listSchools');
  return (
    <label>
      School
      <select value={value ?? ''} onChange={(e) => onChange(e.target.value ? Number(e.target.value) : undefined)}>
        <option value="">All schools</option>
        {schools.data?.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </select>
    </label>
  );
}
