import { useEffect } from 'react';
import { AppLayout } from './app/app-layout';
import { StartScreen } from './features/auth/components/start-screen';
import { useEngineStore } from './stores/engine-store';
import { useSessionStore } from './stores/session-store';

/** The start screen until someone is signed in, then their workspace. */
export function App() {
  const watch = useEngineStore((s) => s.watch);
  const engineReady = useEngineStore((s) => s.status?.state === 'ready' && s.error === null);
  const status = useSessionStore((s) => s.status);
  const restore = useSessionStore((s) => s.restore);

  useEffect(() => watch(), [watch]);

  // A saved session (the desktop's main process, or the station tab's token) is checked once the engine is up.
  useEffect(() => {
    if (engineReady && status === 'unknown') void restore();
  }, [engineReady, status, restore]);

  if (status === 'signed-in') return <AppLayout />;
  return <StartScreen restoring={status === 'unknown' || status === 'restoring'} />;
}
