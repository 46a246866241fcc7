/**
 * The app's log file: one JSON object per line (`{"at","level","source","message"}`) in `logs/app.log` beside
 * the engine's data directory, rotated at `maxBytes` (app.1.log … app.<keep>.log). The main process, the
 * station and the engine's stderr (relayed by the supervisor as `[engine] …` lines) all write here. Every line
 * is redacted first: passwords, tokens, password hashes and message text never reach the disk. The newest
 * problems are kept in memory for the health page and "Copy diagnostics".
 */
import { appendFileSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';

export interface LogEntry {
  at: string;
  level: 'info' | 'warn' | 'error';
  source: string;
  message: string;
}

export interface Problem {
  at: Date;
  message: string;
}

export interface LogFile {
  /** A line as the app's loggers write them (`[engine] ready`), redacted, classified and appended. */
  line(text: string): void;
  /** Problems (error lines) since local midnight, and the newest ones. */
  problems(now?: Date): { since: Date; count: number; recent: Problem[] };
  readonly file: string;
}

const SECRET_KEYS = /pass(word)?|token|secret|authori[sz]ation|cookie|hash|text|content|body/i;
const RULES: Array<[RegExp, string]> = [
  // Bearer tokens and JWT-shaped strings (three base64url parts).
  [/Bearer\s+[\w.~+/=-]+/gi, 'Bearer [redacted]'],
  [/\beyJ[\w-]{5,}\.[\w-]{5,}\.[\w-]{5,}\b/g, '[token]'],
  // bcrypt hashes.
  [/\$2[aby]?\$\d{2}\$[./A-Za-z0-9]{53}/g, '[hash]'],
  // key=value and "key": "value" pairs whose key names a secret or a message's text.
  [
    /("?(?:[\w-]*(?:pass(?:word)?|token|secret|authori[sz]ation|cookie)[\w-]*)"?\s*[:=]\s*)("(?:[^"\\]|\\.)*"|'[^']*'|[^\s,;&}]+)/gi,
    '$1[redacted]',
  ],
  [/("(?:text|content|body)"\s*:\s*)("(?:[^"\\]|\\.)*")/gi, '$1"[redacted]"'],
  // MongoDB URIs with credentials.
  [/(mongodb(?:\+srv)?:\/\/)[^@\s/]+@/gi, '$1[redacted]@'],
];

/** A log line without secrets: what the rules above match is replaced. */
export function redact(text: string): string {
  let out = text;
  for (const [pattern, replacement] of RULES) out = out.replace(pattern, replacement);
  return out;
}

/** A structured value without secrets: keys naming one are dropped to "[redacted]", strings redacted. */
export function redactValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redact(value);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redactValue(v, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [
      k,
      SECRET_KEYS.test(k) ? '[redacted]' : redactValue(v, depth + 1),
    ]),
  );
}

const PREFIX = /^\[([a-z-]+)\]\s*/i;
const ERROR_WORDS = /\b(fail(ed|s|ure)?|error|fatal|not ready|unavailable|crash(ed)?)\b/i;
const WARN_WORDS = /\b(warn(ing)?|retry|restart(ing)?|slow)\b/i;
const RECENT = 50;

export function classify(text: string): Omit<LogEntry, 'at'> {
  const match = PREFIX.exec(text);
  const source = match?.[1]?.toLowerCase() ?? 'app';
  const message = redact(match ? text.slice(match[0].length) : text).slice(0, 4000);
  const level = ERROR_WORDS.test(message) ? 'error' : WARN_WORDS.test(message) ? 'warn' : 'info';
  return { level, source, message };
}

export function createLogFile(
  dir: string,
  options: { maxBytes?: number; keep?: number; now?: () => Date } = {},
): LogFile {
  const maxBytes = options.maxBytes ?? 5 * 1024 * 1024;
  const keep = options.keep ?? 5;
  const now = options.now ?? (() => new Date());
  const file = path.join(dir, 'app.log');
  let size = 0;
  let usable = true;
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    size = statSync(file, { throwIfNoEntry: false })?.size ?? 0;
  } catch {
    usable = false; // a log that cannot be written never stops the app
  }
  const recent: Problem[] = [];
  let day = '';
  let today = 0;

  function rotate(): void {
    rmSync(path.join(dir, `app.${keep}.log`), { force: true });
    for (let i = keep - 1; i >= 1; i -= 1) {
      try {
        renameSync(path.join(dir, `app.${i}.log`), path.join(dir, `app.${i + 1}.log`));
      } catch {
        // not there yet
      }
    }
    renameSync(file, path.join(dir, 'app.1.log'));
    size = 0;
  }

  const dayOf = (d: Date) => `${d.getFullYear()}-${d.getMonth()}-${d.getDate()}`;

  return {
    file,
    line(text) {
      const at = now();
      const entry: LogEntry = { at: at.toISOString(), ...classify(text) };
      if (entry.level === 'error') {
        if (dayOf(at) !== day) {
          day = dayOf(at);
          today = 0;
        }
        today += 1;
        recent.unshift({ at, message: `[${entry.source}] ${entry.message}`.slice(0, 500) });
        if (recent.length > RECENT) recent.pop();
      }
      if (!usable) return;
      const out = `${JSON.stringify(entry)}\n`;
      try {
        if (size + out.length > maxBytes && size > 0) rotate();
        appendFileSync(file, out, { mode: 0o600 });
        size += Buffer.byteLength(out);
      } catch {
        usable = false;
      }
    },
    problems(at = now()) {
      const midnight = new Date(at.getFullYear(), at.getMonth(), at.getDate());
      return {
        since: midnight,
        count: dayOf(at) === day ? today : 0,
        recent: recent.filter((p) => p.at >= midnight).slice(0, 20),
      };
    },
  };
}
