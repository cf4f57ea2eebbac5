export interface LockState {
  /** Whether a PIN or passphrase has been set (locking needs one). */
  configured: boolean;
  kind: 'pin' | 'passphrase' | null;
  locked: boolean;
  /** Lock after this many minutes without keyboard or mouse use (default 10). */
  idleMinutes: number;
}
