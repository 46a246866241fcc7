/**
 * No import cycles among the project's own modules, type-only imports included: a cycle means two modules
 * are one module in two files, and the layer rules cannot order them. The graph is read from the files on
 * disk (relative imports only; packages cannot import us back) and cached for the lint run.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';

const IMPORT =
  /^\s*(?:import|export)\s[^'";]*?\sfrom\s+['"](\.[^'"]+)['"]|^\s*import\s+['"](\.[^'"]+)['"]/gms;
const EXTENSIONS = ['.ts', '.tsx', '/index.ts', '/index.tsx', ''];

/** @type {Map<string, string[]>} */
const importsOf = new Map();

/** @param {string} from @param {string} spec */
function resolveSpec(from, spec) {
  const base = resolve(dirname(from), spec);
  for (const ext of EXTENSIONS) {
    const candidate = base + ext;
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

/** @param {string} file */
function dependencies(file) {
  let found = importsOf.get(file);
  if (found) return found;
  found = [];
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    /* a file that vanished has no imports */
  }
  for (const match of text.matchAll(IMPORT)) {
    const target = resolveSpec(file, match[1] ?? match[2] ?? '');
    if (target) found.push(target);
  }
  importsOf.set(file, found);
  return found;
}

/** A path of imports from `start` back to `goal`, or undefined. @param {string} start @param {string} goal */
function pathBack(start, goal) {
  /** @type {Map<string, string | null>} */
  const cameFrom = new Map([[start, null]]);
  const queue = [start];
  while (queue.length > 0) {
    const file = /** @type {string} */ (queue.shift());
    for (const next of dependencies(file)) {
      if (next === goal) {
        const path = [file];
        for (let at = cameFrom.get(file); at; at = cameFrom.get(at) ?? null) path.unshift(at);
        return path;
      }
      if (!cameFrom.has(next)) {
        cameFrom.set(next, file);
        queue.push(next);
      }
    }
  }
  return undefined;
}

/** @type {import('eslint').Rule.RuleModule} */
const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'No import cycles among our own modules (docs/architecture.md, "Layers").' },
    schema: [
      {
        type: 'object',
        properties: { root: { type: 'string' } },
        required: ['root'],
        additionalProperties: false,
      },
    ],
    messages: { cycle: 'Import cycle: {{path}}' },
  },
  create(context) {
    const { root } = /** @type {{root: string}} */ (context.options[0]);
    const file = context.filename;
    /** @param {import('estree').Node | null | undefined} source */
    function check(source) {
      if (!source || source.type !== 'Literal' || typeof source.value !== 'string') return;
      if (!source.value.startsWith('.')) return;
      const target = resolveSpec(file, source.value);
      if (!target) return;
      const back = target === file ? [] : pathBack(target, file);
      if (!back) return;
      const path = [file, ...back, file].map((f) => relative(root, f)).join(' → ');
      context.report({ node: source, messageId: 'cycle', data: { path } });
    }
    return {
      ImportDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
    };
  },
};

export default rule;
