/**
 * What a picked or dropped file is, and whether it may be uploaded for a purpose: the type to declare (from
 * `File.type`, or the extension where browsers leave it empty or odd), a sentence for a refused file, and the
 * limits in words. Mirrors `FILE_LIMITS` in shared/domain.ts, which the API checks again.
 */
import {
  FILE_LIMITS,
  baseMimeType,
  formatBytes,
  isAllowedMimeType,
  isValidFileName,
  type FilePurpose,
} from '../../../shared/domain';

/** Documents and recordings by extension: browsers leave `File.type` empty (or odd) for some of them. */
const TYPE_BY_EXTENSION: Readonly<Record<string, string>> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  gif: 'image/gif',
  txt: 'text/plain',
  csv: 'text/csv',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  odp: 'application/vnd.oasis.opendocument.presentation',
  zip: 'application/zip',
  webm: 'audio/webm',
  ogg: 'audio/ogg',
  oga: 'audio/ogg',
  opus: 'audio/ogg',
  m4a: 'audio/mp4',
  mp3: 'audio/mpeg',
  wav: 'audio/wav',
};

/** What people call each type, for "Attachments may be PDF, images, …". */
const TYPE_WORDS: Readonly<Record<string, string>> = {
  'application/pdf': 'PDF',
  'image/png': 'images (PNG, JPEG, WebP, GIF)',
  'image/jpeg': 'images (PNG, JPEG, WebP, GIF)',
  'image/webp': 'images (PNG, JPEG, WebP, GIF)',
  'image/gif': 'images (PNG, JPEG, WebP, GIF)',
  'text/plain': 'text',
  'text/csv': 'CSV',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'PowerPoint',
  'application/vnd.oasis.opendocument.text': 'OpenDocument',
  'application/vnd.oasis.opendocument.spreadsheet': 'OpenDocument',
  'application/vnd.oasis.opendocument.presentation': 'OpenDocument',
  'application/zip': 'ZIP',
  'audio/webm': 'WebM',
  'audio/ogg': 'Ogg',
  'audio/mp4': 'MP4 audio',
  'audio/mpeg': 'MP3',
  'audio/wav': 'WAV',
};

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

/** The type to declare for a file: its own when allowed, else the one its extension names. */
export function resolveFileType(purpose: FilePurpose, file: { name: string; type: string }): string {
  if (file.type && isAllowedMimeType(purpose, file.type)) return baseMimeType(file.type);
  return TYPE_BY_EXTENSION[extensionOf(file.name)] ?? (baseMimeType(file.type) || 'unknown');
}

/** "PDF, images (PNG, JPEG, WebP, GIF), text, CSV, Word, Excel, PowerPoint, OpenDocument or ZIP". */
export function describeAllowedTypes(purpose: FilePurpose): string {
  const words = [...new Set(FILE_LIMITS[purpose].mimeTypes.map((t) => TYPE_WORDS[t] ?? t))];
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} or ${words.at(-1) ?? ''}`;
}

/** The limits in one line: "PDF, images … or ZIP, up to 20 MB each; at most 10 files." */
export function describeFileLimits(purpose: FilePurpose, maxFiles: number): string {
  const limit = FILE_LIMITS[purpose];
  return `${describeAllowedTypes(purpose)}, up to ${formatBytes(limit.maxBytes)} each; at most ${maxFiles} files.`;
}

/** Why a file is refused before it is sent, or null when it may go. */
export function checkFile(
  purpose: FilePurpose,
  file: { name: string; type: string; size: number },
): string | null {
  const limit = FILE_LIMITS[purpose];
  if (!isValidFileName(file.name)) return `“${file.name}” has a name that cannot be stored; rename it first.`;
  const type = resolveFileType(purpose, file);
  if (!isAllowedMimeType(purpose, type)) {
    return `“${file.name}” is not a file type we accept. ${limit.label} may be ${describeAllowedTypes(purpose)}.`;
  }
  if (file.size === 0) return `“${file.name}” is empty.`;
  if (file.size > limit.maxBytes) {
    return `“${file.name}” is ${formatBytes(file.size)}. ${limit.label} may be at most ${formatBytes(limit.maxBytes)}.`;
  }
  return null;
}

/** The `accept` of the picker: the allowed types with their extensions. */
export function acceptOf(purpose: FilePurpose): Record<string, string[]> {
  const accept: Record<string, string[]> = {};
  for (const type of FILE_LIMITS[purpose].mimeTypes) accept[type] = [];
  for (const [ext, type] of Object.entries(TYPE_BY_EXTENSION)) accept[type]?.push(`.${ext}`);
  return accept;
}
