// Printable documents are plain HTML with inline CSS, printed by Chromium (Electron's printToPDF in
// the app, page.pdf() in tests). Every value is escaped with `esc` below, the one escape helper of
// every printable: names, notes, dates, times and numbers alike are text, never markup.

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export function esc(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
/**
 * "November 3, 2026", as HTML-safe text. A value that is not an ISO date (an imported file can hold
 * anything) is printed as itself, escaped, never spliced into the markup.
 */
export function longDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  const month = m ? MONTHS[Number(m[2]) - 1] : undefined;
  if (!m || !month) return esc(iso);
  return `${month} ${Number(m[3])}, ${m[1]}`;
}

export const PRINT_CSS = `
@page { size: Letter; margin: 0.5in 0.6in 0.55in; }
* { box-sizing: border-box; }
body { font-family: 'DejaVu Sans', 'Segoe UI', Arial, sans-serif; font-size: 10.5pt; line-height: 1.4; color: #111; margin: 0; }
h1 { font-size: 15pt; margin: 0 0 2pt; }
h2 { font-size: 11.5pt; margin: 14pt 0 5pt; border-bottom: 1.5pt solid #333; padding-bottom: 2pt; }
h3 { font-size: 10.5pt; margin: 0 0 3pt; }
.doc { page-break-after: always; }
.doc:last-child { page-break-after: auto; }
.header { display: flex; justify-content: space-between; align-items: flex-start; border-bottom: 2pt solid #17303b; padding-bottom: 6pt; margin-bottom: 8pt; }
.header .district { font-size: 9pt; color: #333; text-align: right; }
.facts { display: grid; grid-template-columns: 1fr 1fr; gap: 2pt 18pt; margin: 0 0 6pt; }
.facts div { display: flex; gap: 6pt; }
.facts dt { font-weight: bold; min-width: 88pt; }
.facts dd { margin: 0; }
table { border-collapse: collapse; width: 100%; margin: 4pt 0; }
th, td { border: 0.75pt solid #777; padding: 3pt 5pt; text-align: left; vertical-align: top; }
th { background: #eceff2; font-size: 9pt; }
td.num, th.num { text-align: right; }
.goal { page-break-inside: avoid; break-inside: avoid; border: 0.75pt solid #999; padding: 7pt 9pt; margin: 0 0 8pt; }
.goal .code { font-weight: bold; margin: 4pt 0; }
.goal .meta { font-size: 9pt; color: #333; }
.numbers { font-size: 9pt; margin: 3pt 0; }
.narrative { white-space: pre-wrap; margin: 4pt 0 0; }
.nodata { font-style: italic; }
.draft { position: fixed; top: 40%; left: 0; right: 0; text-align: center; font-size: 72pt; color: rgba(160, 0, 0, 0.12); transform: rotate(-30deg); z-index: -1; }
.closing { page-break-inside: avoid; break-inside: avoid; }
.sign { page-break-inside: avoid; margin-top: 18pt; display: grid; grid-template-columns: 2fr 1fr; gap: 24pt; }
.sign div { border-top: 0.75pt solid #111; padding-top: 3pt; font-size: 9pt; }
.small { font-size: 8.5pt; color: #333; }
.spark { display: block; margin: 3pt 0; }
`;

export function document(title: string, body: string, extraCss = ''): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${esc(title)}</title><style>${PRINT_CSS}${extraCss}</style></head><body>${body}</body></html>`;
}
