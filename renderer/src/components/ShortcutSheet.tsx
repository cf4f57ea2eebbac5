import { SHORTCUTS } from '../shortcuts';
import { Modal } from './ui';

/** The `?` sheet: every keyboard shortcut of the app in one place. */
export function ShortcutSheet({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Modal title="Keyboard shortcuts" open={open} onClose={onClose} wide>
      {SHORTCUTS.map((g) => (
        <section key={g.group} aria-label={g.group}>
          <h3>{g.group}</h3>
          <table className="table compact shortcuts">
            <tbody>
              {g.items.map(([k, what]) => (
                <tr key={k}>
                  <th scope="row">
                    <kbd>{k}</kbd>
                  </th>
                  <td>{what}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
      <div className="actions">
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Modal>
  );
}
