import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({ BrowserWindow: class {} }));
const { answerFromUrl, promptHtml } = await import('../../electron/passphrase-prompt');

describe('the start-up passphrase prompt', () => {
  it('is a script-free form that posts only to its own scheme, escaping the message', () => {
    const html = promptHtml({ mode: 'unlock', problem: '<img src=x onerror=alert(1)>' });
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain("default-src 'none'");
    expect(html).not.toContain('name="q"');
    expect(promptHtml({ mode: 'create' })).toContain('name="q"');
  });

  it('reads the answer only from its own scheme', () => {
    expect(answerFromUrl('caseload-prompt:submit?p=a%20b%26c&q=a%20b%26c')).toEqual({ p: 'a b&c', q: 'a b&c' });
    expect(answerFromUrl('caseload-prompt:submit?p=xyz')).toEqual({ p: 'xyz', q: null });
    expect(answerFromUrl('https://example.com/?p=x')).toBeNull();
    expect(answerFromUrl('file:///etc/passwd')).toBeNull();
  });
});
