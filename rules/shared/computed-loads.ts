// The folder a `require`/`import()` of a computed path loads its modules from, when the path is
// built from the module's own folder: `require(`${__dirname}/scripts/${file}`)` (iobroker.backitup
// loads each backup step so), `require(path.join(__dirname, 'steps', name))`,
// `import(__dirname + '/plugins/' + name)`. Every module there may be loaded.
import * as path from 'node:path';
import { ts } from 'ts-morph';

/** `__dirname`, or `import.meta.dirname`: the folder of the module the code is in. */
function isOwnFolder(e: ts.Expression): boolean {
  if (ts.isIdentifier(e)) return e.text === '__dirname';
  return ts.isPropertyAccessExpression(e) && e.name.text === 'dirname' && ts.isMetaProperty(e.expression);
}

/** The folder below `file`'s own that a computed load reaches (`scripts` for `${__dirname}/scripts/${f}`), as path parts. */
function partsOf(arg: ts.Expression): string[] | undefined {
  // `${__dirname}/scripts/${file}`
  if (ts.isTemplateExpression(arg)) {
    const [first, ...rest] = arg.templateSpans;
    if (arg.head.text !== '' || !isOwnFolder(first.expression) || !rest.length) return undefined;
    const text = first.literal.text;
    return text.startsWith('/') && text.endsWith('/') ? text.split('/').filter(Boolean) : undefined;
  }
  // path.join(__dirname, 'scripts', file), resolve(__dirname, './scripts', file)
  if (ts.isCallExpression(arg)) {
    const callee = arg.expression;
    const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
    if ((name !== 'join' && name !== 'resolve') || !arg.arguments.length || !isOwnFolder(arg.arguments[0])) return undefined;
    const rest = arg.arguments.slice(1);
    const literals = rest.findIndex((a) => !ts.isStringLiteralLike(a));
    if (literals < 1) return undefined;
    return rest.slice(0, literals).flatMap((a) => (a as ts.StringLiteralLike).text.split('/').filter(Boolean));
  }
  // __dirname + '/scripts/' + file
  if (ts.isBinaryExpression(arg) && arg.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const left = arg.left;
    if (!ts.isBinaryExpression(left) || left.operatorToken.kind !== ts.SyntaxKind.PlusToken || !isOwnFolder(left.left) || !ts.isStringLiteralLike(left.right)) return undefined;
    const text = left.right.text;
    return text.startsWith('/') && text.endsWith('/') ? text.split('/').filter(Boolean) : undefined;
  }
  return undefined;
}

/** The folder whose modules `call` (a `require` or `import()` in `file`) loads by a computed path below `file`'s folder. */
export function computedLoadFolder(call: ts.CallExpression, file: string): string | undefined {
  const e = call.expression;
  if (!(ts.isIdentifier(e) && e.text === 'require') && e.kind !== ts.SyntaxKind.ImportKeyword) return undefined;
  if (call.arguments.length < 1) return undefined;
  const parts = partsOf(call.arguments[0]);
  if (!parts?.length || parts.some((p) => p === '..')) return undefined;
  return path.join(path.dirname(file), ...parts);
}
