import { BrowserWindow } from 'electron';
import type { PassphrasePrompt } from './crypto/key-store';
import { esc } from './reports/html';

/**
 * The start-up passphrase prompt for machines without a secret store. A tiny sandboxed window with no
 * preload and no script: a plain HTML form whose submission is a navigation to `caseload-prompt:`,
 * which the main process reads from `will-navigate` and cancels (it never loads anything).
 */
const PROMPT_SCHEME = 'caseload-prompt:';

export function promptHtml(request: { mode: 'create' | 'unlock'; problem?: string }): string {
  const create = request.mode === 'create';
  const title = create ? 'Protect your caseload' : 'Unlock your caseload';
  const text = create
    ? 'This computer has no password store, so Caseload encrypts your caseload with a passphrase you choose. You will type it each time Caseload starts. Write it down somewhere safe: without it the caseload cannot be opened.'
    : 'Type the passphrase that protects the caseload on this computer.';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; form-action ${PROMPT_SCHEME}">
<title>${esc(title)}</title>
<style>body{font:15px system-ui,sans-serif;margin:24px;color:#1d2330}label{display:block;margin:14px 0 4px;font-weight:600}
input{font:inherit;width:100%;box-sizing:border-box;padding:8px}button{font:inherit;margin-top:16px;padding:8px 16px}
.problem{color:#9b1c1c;font-weight:600}</style></head><body>
<h1 style="font-size:20px">${esc(title)}</h1><p>${esc(text)}</p>
${request.problem ? `<p class="problem" role="alert">${esc(request.problem)}</p>` : ''}
<form action="${PROMPT_SCHEME}submit" method="get">
<label for="p">Passphrase</label><input id="p" name="p" type="password" autofocus required minlength="${create ? 8 : 1}" autocomplete="${create ? 'new-password' : 'current-password'}">
${create ? '<label for="q">Repeat it</label><input id="q" name="q" type="password" required autocomplete="new-password">' : ''}
<button type="submit">${create ? 'Protect and start' : 'Unlock'}</button></form></body></html>`;
}

/** Reads the answer from the form's navigation; null for any other URL. */
export function answerFromUrl(url: string): { p: string; q: string | null } | null {
  if (!url.startsWith(PROMPT_SCHEME)) return null;
  const params = new URL(url).searchParams;
  return { p: params.get('p') ?? '', q: params.get('q') };
}

export const askPassphraseWindow: PassphrasePrompt = (request) =>
  new Promise((resolve) => {
    const win = new BrowserWindow({
      width: 480,
      height: request.mode === 'create' ? 460 : 340,
      resizable: false,
      title: 'Caseload',
      webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false },
    });
    let settled = false;
    const finish = (value: string | null) => {
      if (settled) return;
      settled = true;
      resolve(value);
      if (!win.isDestroyed()) win.destroy();
    };
    win.webContents.on('will-navigate', (event, url) => {
      event.preventDefault();
      const answer = answerFromUrl(url);
      if (!answer) return;
      if (answer.q !== null && answer.q !== answer.p) {
        void win.loadURL(dataUrl(promptHtml({ ...request, problem: 'The two passphrases are not the same.' })));
        return;
      }
      finish(answer.p);
    });
    win.on('closed', () => finish(null));
    void win.loadURL(dataUrl(promptHtml(request)));
  });

const dataUrl = (html: string) => `data:text/html;charset=utf-8;base64,${Buffer.from(html, 'utf8').toString('base64')}`;
