/**
 * Layer rule (in the spirit of VS Code's local/code-layering): each folder is a layer and may import only
 * from the layers and packages its entry allows. Relative imports are resolved against the importing file, so
 * `../../renderer/x` is caught however it is spelled. Runs on static imports, re-exports, `import()` and
 * `require()`; type-only imports count too (shared types belong in shared/).
 */
import { builtinModules } from 'node:module';
import { dirname, relative, resolve, sep } from 'node:path';
import noCycle from './no-cycle.js';

const NODE_BUILTINS = new Set(builtinModules);

/** @param {string} spec */
function isNodeBuiltin(spec) {
  return spec.startsWith('node:') || NODE_BUILTINS.has(spec.split('/')[0] ?? spec);
}

/** @param {string} spec the package name of a bare specifier ('@scope/name' or 'name') */
function packageName(spec) {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? spec);
}

/** @param {string} pattern @param {string} name @param {boolean} builtin */
function packageMatches(pattern, name, builtin) {
  if (pattern === 'node:*') return builtin;
  if (pattern.endsWith('/*')) return name.startsWith(pattern.slice(0, -1));
  return pattern === name;
}

/**
 * @typedef {object} Layer
 * @property {string} name           a label for messages
 * @property {string} path           folder, relative to the repo root, with a trailing slash
 * @property {string[]} [allowDirs]  if set: relative imports must land inside one of these folders
 * @property {string[]} [denyDirs]   relative imports must not land inside these folders
 * @property {string[]} [allowPackages] if set: the only packages (bare specifiers) allowed; 'node:*' stands for
 *   every Node built-in and '@scope/*' for every package of a scope
 * @property {boolean} [ownSubfolder] relative imports may also land in the importing file's own first-level
 *   subfolder of `path` (a feature may import itself, never another feature)
 * @property {string[]} [denyPackages]  packages refused ('node:*' stands for every Node built-in)
 */

/** `renderer/src/features/chat/` for a file under it. @param {Layer} layer @param {string} file */
function ownSubfolder(layer, file) {
  const first = file.slice(layer.path.length).split('/')[0];
  return first ? `${layer.path}${first}/` : undefined;
}

/** @type {import('eslint').Rule.RuleModule} */
const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'Imports point down the layers: see docs/architecture.md.' },
    schema: [
      {
        type: 'object',
        properties: { root: { type: 'string' }, layers: { type: 'array' } },
        required: ['root', 'layers'],
        additionalProperties: false,
      },
    ],
    messages: {
      denied: '{{layer}} may not import "{{spec}}": {{why}}',
    },
  },
  create(context) {
    const { root, layers } = /** @type {{root: string, layers: Layer[]}} */ (context.options[0]);
    const file = relative(root, context.filename).split(sep).join('/');
    const mine = layers.filter((l) => file.startsWith(l.path));
    if (mine.length === 0) return {};

    /** @param {string} spec */
    function why(spec) {
      const relativeSpec = spec.startsWith('./') || spec.startsWith('../');
      for (const layer of mine) {
        if (relativeSpec) {
          const target =
            relative(root, resolve(dirname(context.filename), spec))
              .split(sep)
              .join('/') + '/';
          if (target.startsWith('../')) return { layer, why: 'it is outside the repository' };
          const denied = layer.denyDirs?.find((d) => target.startsWith(d));
          if (denied) return { layer, why: `${denied} is not a layer ${layer.name} may depend on` };
          const own = layer.ownSubfolder ? ownSubfolder(layer, file) : undefined;
          if (own && target.startsWith(own)) continue;
          if (layer.allowDirs && !layer.allowDirs.some((d) => target.startsWith(d))) {
            return { layer, why: `only ${layer.allowDirs.join(', ')} may be imported from here` };
          }
          continue;
        }
        if (spec.startsWith('/') || /^[a-zA-Z]:[\\/]/.test(spec))
          return { layer, why: 'absolute paths are not allowed' };
        const builtin = isNodeBuiltin(spec);
        const name = builtin ? spec : packageName(spec);
        const denied = layer.denyPackages?.some((p) => (p === 'node:*' ? builtin : p === name));
        if (denied) return { layer, why: `${name} is not available to ${layer.name}` };
        if (layer.allowPackages && !layer.allowPackages.some((p) => packageMatches(p, name, builtin))) {
          return {
            layer,
            why: `the only packages allowed here are: ${layer.allowPackages.join(', ') || 'none'}`,
          };
        }
      }
      return null;
    }

    /** @param {import('estree').Node | null | undefined} source */
    function check(source) {
      if (!source || source.type !== 'Literal' || typeof source.value !== 'string') return;
      const found = why(source.value);
      if (found) {
        context.report({
          node: source,
          messageId: 'denied',
          data: { layer: found.layer.name, spec: source.value, why: found.why },
        });
      }
    }

    return {
      ImportDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
      CallExpression(node) {
        if (
          node.callee.type === 'Identifier' &&
          node.callee.name === 'require' &&
          node.arguments.length === 1
        ) {
          check(/** @type {import('estree').Node} */ (node.arguments[0]));
        }
      },
    };
  },
};

export default { rules: { imports: rule, 'no-cycle': noCycle } };
