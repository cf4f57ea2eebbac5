// Every test runs with encryption at rest ON: the process-wide database key is a fixed test key
// (a vitest setup file imports this; so does the kill test's writer, which runs as its own process).
import { setDefaultDatabaseKey } from '../../electron/db/cipher';

export const TEST_KEY = Buffer.from('c0ffee'.repeat(10) + 'beef', 'hex');
setDefaultDatabaseKey(TEST_KEY);
