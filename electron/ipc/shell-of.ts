import { realpathSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { ReportShell } from '../reports/shell';
import { AppError } from './errors';

/**
 * The desktop shell every handler uses, wrapped so that the main process remembers which folders the
 * person chose in its own dialogs during this run (a folder from "Choose folder…", and the folder of
 * every file chosen in a save dialog). A folder the page sends is written to only when it is one of
 * these: a page that was tricked cannot make Caseload write into `/etc` or `../`.
 */
interface Remembered {
  shell: ReportShell;
  folders: Set<string>;
}
const remembered = new WeakMap<ReportShell, Remembered>();

/** Resolves links and `..` so that two spellings of one folder compare equal. */
function canonical(folder: string): string | null {
  try {
    return realpathSync.native(resolve(folder));
  } catch {
    return null;
  }
}

function wrap(raw: ReportShell): Remembered {
  const folders = new Set<string>();
  const note = (folder: string | null) => {
    const c = folder ? canonical(folder) : null;
    if (c) folders.add(c);
  };
  const shell: ReportShell = {
    chooseFolder: async (title) => {
      const folder = await raw.chooseFolder(title);
      note(folder);
      return folder;
    },
    chooseSavePath: async (name, kind) => {
      const file = await raw.chooseSavePath(name, kind);
      if (file) note(dirname(file));
      return file;
    },
    chooseOpenPath: (kind) => raw.chooseOpenPath(kind),
    htmlToPdf: (html) => raw.htmlToPdf(html),
    printHtml: (html) => raw.printHtml(html),
  };
  return { shell, folders };
}

function rememberedOf(ctx: { shell?: ReportShell | undefined }): Remembered {
  if (!ctx.shell) throw new AppError('internal', 'Printing and saving files are not available here.');
  let r = remembered.get(ctx.shell);
  if (!r) {
    r = wrap(ctx.shell);
    remembered.set(ctx.shell, r);
  }
  return r;
}

/** Dialogs, PDF engine and printing, with the dialogs' answers remembered (see above). */
export function shellOf(ctx: { shell?: ReportShell | undefined }): ReportShell {
  return rememberedOf(ctx).shell;
}

/**
 * The folder the page asks Caseload to write into, when the person chose it in one of Caseload's own
 * dialogs in this run; refused otherwise, with what to do. Returns the folder as the dialog gave it.
 */
export function chosenFolder(ctx: { shell?: ReportShell | undefined }, folder: string): string {
  const { folders } = rememberedOf(ctx);
  const c = canonical(folder);
  if (!c || !folders.has(c)) {
    throw new AppError(
      'forbidden',
      `Caseload saves only into a folder you choose in its own dialog, and ${folder} was not chosen there. ` +
        'Choose the folder again with "Choose folder…"; nothing was written.',
      'folder',
    );
  }
  return c;
}
