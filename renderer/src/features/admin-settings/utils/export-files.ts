/**
 * The files of an original-system export as the import channel takes them: only `<database>.<collection>.json`
 * files of a picked folder or selection, read as text, within the channel's limits (the core checks again).
 */
import { ORIGINAL_FILE_NAME_PATTERN, ORIGINAL_IMPORT_LIMITS } from '../../../../../shared/contract';

export interface ExportFile {
  name: string;
  text: string;
}

export interface PickedExport {
  files: ExportFile[];
  /** Files of the selection that are not export files (a folder's other files), by name. */
  ignored: string[];
  /** Why the selection cannot be sent, in a sentence; null when it can. */
  problem: string | null;
}

export async function readExportFiles(picked: Iterable<File>): Promise<PickedExport> {
  const files: ExportFile[] = [];
  const ignored: string[] = [];
  let chars = 0;
  for (const file of picked) {
    if (!ORIGINAL_FILE_NAME_PATTERN.test(file.name)) {
      ignored.push(file.name);
      continue;
    }
    // Characters are at most the bytes: a file larger than the limit is refused before it is read.
    const text = file.size > ORIGINAL_IMPORT_LIMITS.maxChars ? '' : await file.text();
    chars += file.size > ORIGINAL_IMPORT_LIMITS.maxChars ? file.size : text.length;
    files.push({ name: file.name, text });
  }
  files.sort((a, b) => a.name.localeCompare(b.name));
  let problem: string | null = null;
  if (files.length === 0) {
    problem = 'None of these is an export file (<database>.<collection>.json, as mongoexport names them).';
  } else if (files.length > ORIGINAL_IMPORT_LIMITS.maxFiles) {
    problem = `At most ${ORIGINAL_IMPORT_LIMITS.maxFiles} files at once.`;
  } else if (chars > ORIGINAL_IMPORT_LIMITS.maxChars) {
    problem = `The files hold more than ${ORIGINAL_IMPORT_LIMITS.maxChars.toLocaleString('en')} characters together.`;
  }
  return { files, ignored, problem };
}
