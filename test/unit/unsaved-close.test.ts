import { beforeEach, describe, expect, it, vi } from 'vitest';

// The desktop side of "closing with unsaved changes asks first": when the page holds its unload back,
// Electron emits 'will-prevent-unload'; the window asks, and closes only on "Close anyway".
const answers: number[] = [];
const asked: unknown[] = [];
vi.mock('electron', () => ({
  BrowserWindow: class {},
  dialog: {
    showMessageBoxSync: vi.fn((_win: unknown, options: unknown) => {
      asked.push(options);
      return answers.shift() ?? 0;
    }),
  },
}));

const { askBeforeClosingUnsaved, UNSAVED_CLOSE_QUESTION } = await import('../../electron/window');

function fakeWindow() {
  const handlers: Record<string, (e: { preventDefault(): void }) => void> = {};
  const win = {
    webContents: { on: (name: string, fn: (e: { preventDefault(): void }) => void) => (handlers[name] = fn) },
  };
  return {
    win,
    fire: () => {
      const e = {
        prevented: false,
        preventDefault() {
          this.prevented = true;
        },
      };
      handlers['will-prevent-unload']!(e);
      return e.prevented;
    },
  };
}

describe('closing the window with unsaved changes', () => {
  beforeEach(() => {
    answers.length = 0;
    asked.length = 0;
  });

  it('asks, and "Close anyway" lets the window close', () => {
    const { win, fire } = fakeWindow();
    const stay = vi.fn();
    askBeforeClosingUnsaved(win as never, stay);
    answers.push(1);
    expect(fire()).toBe(true); // preventDefault on will-prevent-unload: the close goes ahead
    expect(asked).toEqual([UNSAVED_CLOSE_QUESTION]);
    expect(stay).not.toHaveBeenCalled();
  });

  it('"Keep editing" (and Escape) keeps the window and stops a quit in progress', () => {
    const { win, fire } = fakeWindow();
    const stay = vi.fn();
    askBeforeClosingUnsaved(win as never, stay);
    answers.push(0);
    expect(fire()).toBe(false);
    expect(stay).toHaveBeenCalledTimes(1);
    expect(UNSAVED_CLOSE_QUESTION.buttons).toEqual(['Keep editing', 'Close anyway']);
    expect([UNSAVED_CLOSE_QUESTION.defaultId, UNSAVED_CLOSE_QUESTION.cancelId]).toEqual([0, 0]);
  });
});
