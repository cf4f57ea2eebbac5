import { contextBridge, ipcRenderer } from 'electron';
import { CHANNEL_PREFIX, CHANNELS } from '../shared/api/channels';
import type { CaseloadApi } from '../shared/api/contract';

// Only named functions cross the bridge; the page never sees ipcRenderer.
const api = Object.fromEntries(
  CHANNELS.map((name) => [name, (input?: unknown) => ipcRenderer.invoke(CHANNEL_PREFIX + name, input)]),
) as CaseloadApi;

const shell = {
  /** Menu commands from the main process (e.g. "Log a session"). Returns an unsubscribe. */
  onMenuCommand(callback: (command: string) => void): () => void {
    const listener = (_e: unknown, command: unknown) => {
      if (typeof command === 'string') callback(command);
    };
    ipcRenderer.on('caseload:menu', listener);
    return () => ipcRenderer.removeListener('caseload:menu', listener);
  },
};

contextBridge.exposeInMainWorld('caseload', api satisfies CaseloadApi);
contextBridge.exposeInMainWorld('caseloadShell', shell);
