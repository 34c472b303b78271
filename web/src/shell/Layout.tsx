// Layout.tsx - the app shell: SIMULATED banner (whenever a view shows simulated data), the
// sidebar, the top bar and the routed page (pages load lazily; Suspense shows Loading).
import { Suspense } from 'react';
import { Outlet } from 'react-router-dom';
import { Sidebar } from './Sidebar';
import { TopBar } from './TopBar';
import { useSimulatedShown } from '../lib/simulated';
import { Loading } from '../components/States';

export function Layout() {
  const sim = useSimulatedShown();
  return (
    <div className="shell">
      {sim ? (
        <div className="sim-banner" role="note" data-testid="sim-banner">
          SIMULATED DATA — NOT MARKET PRICES
        </div>
      ) : (
        <div style={{ gridColumn: '1 / -1' }} />
      )}
      <Sidebar />
      <TopBar />
      <main className="main">
        <Suspense fallback={<Loading label="Loading page" />}>
          <Outlet />
        </Suspense>
      </main>
    </div>
  );
}
