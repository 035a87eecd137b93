import { useEffect, useState } from 'react';
import { useKioskApi } from '../api/KioskApiContext';

/**
 * Demo profile only: lets a person drive the simulated peripherals from the banner — place one of
 * the simulator's (fake) ID cards on the reader or take it away. Every action goes through the
 * same contract and the same driver code a real device would use.
 */
export function DemoControls() {
  const api = useKioskApi();
  const [fixtures, setFixtures] = useState<{ id: string; label: string }[]>([]);
  const [selected, setSelected] = useState('');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api
      .request('demo.idcard.fixtures', {})
      .then(({ fixtures: list }) => {
        setFixtures(list);
        setSelected(list[0]?.id ?? '');
      })
      .catch(() => setFixtures([]));
  }, [api]);

  if (fixtures.length === 0) return null;
  const run = (action: Promise<unknown>) => {
    setError(null);
    action.catch((e: Error) => setError(e.message));
  };
  return (
    <div className="demo-controls" data-testid="demo-controls">
      <label>
        模拟身份证
        <select value={selected} onChange={(e) => setSelected(e.target.value)} aria-label="选择模拟身份证">
          {fixtures.map((f) => (
            <option key={f.id} value={f.id}>
              {f.label}
            </option>
          ))}
        </select>
      </label>
      <button type="button" onClick={() => run(api.request('demo.idcard.place', { fixtureId: selected }))}>
        放上读卡器
      </button>
      <button type="button" onClick={() => run(api.request('demo.idcard.remove', {}))}>
        取走
      </button>
      {error && <span role="alert">{error}</span>}
    </div>
  );
}
