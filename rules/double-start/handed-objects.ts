// Objects handed to a new owner as they are made, and started by that owner once:
//
//   const roomKeys = new RoomKeyTransport(room);                  // made here, used nowhere else
//   const transport = new CombinedTransport(toDevice, roomKeys);  // handed to a new owner at once
//
//   class CombinedTransport {
//     constructor(private toDevice: ToDeviceTransport, private roomKeys: RoomKeyTransport) {}
//     start() { this.toDevice.start(); this.roomKeys.start(); }   // once, on the owner's start path
//   }
//
// Each file sees half of it, so each records a fact: the owner's file that the owner starts its
// k-th constructor parameter with `m()` once per start (`starts-param:<k>:<m>` about the owner),
// and the creation's file that `RoomKeyTransport`'s `m()` runs once per object if that holds
// (`fresh-start:<m>` about the made class, on the condition of the owner's fact). Chains of
// owners settle together: the engine holds a conditional fact once its conditions hold.
import { ts } from 'ts-morph';
import { findDeclaration } from '../../engine/scope';
import type { FactRef, RuleContext } from '../../engine/types';
import { enclosingFunction, isFunctionBoundary, skipOuter, TYPE_ONLY_WRAPPERS, unwrapAwaited } from '../shared/ast';
import { classRefOfNew, heldParameterStart } from '../shared/fresh-objects';
import { SKIP, walkTree, type WalkAnswer } from '../../engine/file-nodes';

export type HandedKind = `starts-param:${number}:${string}`;

/** The start methods a handed object's facts are recorded for: the plain names a parameter's owner calls. */
const HANDED_STARTS = ['start', 'init', 'initialize', 'connect', 'listen', 'run'] as const;

/** `this.roomKeys.start()` on what the owner's constructor was given as parameter k, once per start: the owner's half. */
export function startsParameterFact(ctx: RuleContext, call: ts.CallExpression): { kind: HandedKind; ref: FactRef } | undefined {
  const held = heldParameterStart(call);
  if (!held) return undefined;
  const ref = ownClassRef(ctx, held.cls);
  return ref ? { kind: `starts-param:${held.index}:${held.method}`, ref } : undefined;
}

/**
 * `new Owner(…, roomKeys, …)` with `roomKeys` a local just made by `new RoomKeyTransport(…)` and
 * used nowhere else: for each plain start name, `RoomKeyTransport` is started once per object if
 * `Owner` starts that parameter once (the creation's half).
 */
export function handedFreshFacts(ctx: RuleContext, made: ts.NewExpression): { fact: { kind: `fresh-start:${string}`; ref: FactRef }; ifAll: { kind: HandedKind; ref: FactRef }[] }[] {
  const owner = classRefOfNew(ctx, made);
  if (!owner || !made.arguments?.length) return [];
  const out: ReturnType<typeof handedFreshFacts> = [];
  made.arguments.forEach((arg, index) => {
    const inner = madeOnlyToHand(arg, made);
    const ref = inner && classRefOfNew(ctx, inner);
    if (!ref) return;
    for (const m of HANDED_STARTS) out.push({ fact: { kind: `fresh-start:${m}`, ref }, ifAll: [{ kind: `starts-param:${index}:${m}`, ref: owner }] });
  });
  return out;
}

/**
 * The `new` an argument's local was made by, when it was made in the same function (declared
 * with it, not in a loop or callback between) and the argument is its only use.
 */
function madeOnlyToHand(arg: ts.Expression, made: ts.NewExpression): ts.NewExpression | undefined {
  const id = skipOuter(arg, TYPE_ONLY_WRAPPERS);
  if (!ts.isIdentifier(id)) return undefined;
  const decl = findDeclaration(id.text, id);
  if (!decl || !ts.isVariableDeclaration(decl) || !ts.isIdentifier(decl.name) || !decl.initializer) return undefined;
  const value = unwrapAwaited(decl.initializer);
  if (!ts.isNewExpression(value)) return undefined;
  const home = enclosingFunction(decl);
  if (!home || enclosingFunction(made) !== home) return undefined;
  for (let n: ts.Node | undefined = made.parent; n && n !== home; n = n.parent) if (ts.isIterationStatement(n, false) || isFunctionBoundary(n)) return undefined;
  let uses = 0;
  const visit = (n: ts.Node): WalkAnswer => {
    if (ts.isIdentifier(n) && n !== decl.name && n.text === id.text && findDeclaration(n.text, n) === decl) uses++;
  };
  walkTree(home, visit);
  return uses === 1 ? value : undefined;
}

/** How other files name a class of this file: its top-level name (`class X`, `var X = class`). */
function ownClassRef(ctx: RuleContext, cls: ts.ClassLikeDeclaration): FactRef | undefined {
  if (ts.isClassDeclaration(cls) && cls.name && ts.isSourceFile(cls.parent)) return { file: ctx.file, name: cls.name.text };
  const p = cls.parent;
  if (ts.isClassExpression(cls) && ts.isVariableDeclaration(p) && ts.isIdentifier(p.name) && ts.isVariableStatement(p.parent.parent) &&
    ts.isSourceFile(p.parent.parent.parent)) return { file: ctx.file, name: p.name.text };
  return undefined;
}
