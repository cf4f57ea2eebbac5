import type { IpcMain } from 'electron';
import { CHANNEL_PREFIX, CHANNELS } from '../../shared/api/channels';
import { isTrustedSender } from '../security';
import type { Handlers } from './handlers';

/** Registers one ipcMain handler per contract channel, each checking that the sender is our page. */
export function registerIpc(ipcMain: IpcMain, handlers: Handlers, devServerUrl?: string): void {
  for (const name of CHANNELS) {
    ipcMain.handle(CHANNEL_PREFIX + name, (event, input: unknown) => {
      if (!isTrustedSender(event.senderFrame, devServerUrl)) {
        return { ok: false, error: { code: 'forbidden', message: 'This request did not come from Caseload.' } };
      }
      return handlers[name](input);
    });
  }
}
