import { type ReactNode, useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { localToday } from '../../../../shared/domain/dates';
import { call } from '../../api';
import { Loading } from '../../components/ui';

let decided = false;

/** The start screen: on a school day with sessions planned, today's agenda; otherwise the caseload. */
export function StartPage({ caseload }: { caseload: ReactNode }) {
  const navigate = useNavigate();
  const [ready, setReady] = useState(decided);
  useEffect(() => {
    if (decided) return;
    call('getAgenda', { date: localToday() })
      .then((a) => {
        decided = true;
        if (a.schoolDay && a.occurrences.length > 0) navigate('/agenda', { replace: true });
        else setReady(true);
      })
      .catch(() => {
        decided = true;
        setReady(true);
      });
  }, [navigate]);
  return ready ? caseload : <Loading />;
}
