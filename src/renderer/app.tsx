// The placeholder shell: it shows which backend the terminal talks to until the checkout (issue 4) lands.
import { useEffect, useState } from 'react';
import type { AppInfo, PosSimBridge } from '../shared/bridge.js';

declare global {
  interface Window {
    posSim?: PosSimBridge;
  }
}

export function App() {
  const [info, setInfo] = useState<AppInfo | null>(null);
  useEffect(() => {
    void window.posSim?.appInfo().then(setInfo);
  }, []);
  return (
    <main style={{ fontFamily: 'system-ui', padding: 32 }}>
      <h1>PoS terminal simulator</h1>
      <p>Embedded PoS v10 emulator: {info?.emulatorUrl ?? 'starting...'}</p>
    </main>
  );
}
