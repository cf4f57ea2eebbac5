import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useEffect, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { localToday } from '../../../../shared/domain/dates';
import { call } from '../../api';
import { Loading } from '../../components/ui';

let decided = false;

/** The start screen: on a school day with sessions planned, today's agenda; otherwise the caseload. */
export function StartPage({ caseload }: { caseload: ReactNode }) {
  const navigate = useNavigate();
  const qc = useQueryClient();
  // Only the screen the app opens on turns into the agenda: choosing "Caseload" (a navigation of
  // the user's, with its own history key) always shows the caseload, also after a reload elsewhere.
  const opening = useLocation().key === 'default' && !decided;
  const [ready, setReady] = useState(!opening);
  useEffect(() => {
    if (!opening) {
      decided = true;
      return;
    }
    const date = localToday();
    call('getAgenda', { date })
      .then((a) => {
        decided = true;
        // The agenda opens on what was just read instead of reading it a second time.
        if (a.schoolDay && a.occurrences.length > 0) {
          qc.setQueryData(['getAgenda', { date }], a);
          navigate('/agenda', { replace: true });
        } else setReady(true);
      })
      .catch(() => {
        decided = true;
        setReady(true);
      });
  }, [navigate, opening, qc]);
  return ready ? caseload : <Loading />;
}
