/**
 * User-typed formulas in any number of variables, e.g. "(x^2+y-11)^2+(x+y^2-7)^2", parsed once
 * by mathjs (its number-only build `mathjs/number`: same parser, smaller and faster to load in
 * every worker) and compiled into a `Tape` (./tape.ts) whose gradient and Hessian-vector product
 * are exact (automatic differentiation, no finite differences, no `eval`).
 *
 * Compilation: the mathjs syntax tree is lowered to a straight-line program with common
 * subexpressions shared (hash-consing; + and × operands are ordered, which is exact since IEEE
 * addition and multiplication commute), constant subexpressions folded, and instructions the
 * result does not depend on dropped.
 *
 * Supported: numbers, + − × ÷ ^ (also implicit multiplication "2x"), unary ±, parentheses, the
 * constants pi, e, tau, phi (unless used as variable names), and the functions listed in
 * `FUNCTIONS` (exp, log/ln (log(x, b) for base b), log10, log2, log1p, expm1, sqrt, cbrt, abs,
 * sin, cos, tan, asin, acos, atan, sinh, cosh, tanh, square, cube, pow). abs makes the function
 * not twice differentiable (its kink is reported through `twiceDifferentiable`).
 *
 * Errors (ExpressionError) name the offending character (1-based) or identifier:
 *   "expression: unexpected ')' at character 12"
 *   "expression: unknown variable 'z' at character 5 (variables are x, y)"
 */
import { parse, type MathNode } from 'mathjs/number';
import { Op, Tape, arity, binaryValue, isKink, unaryValue } from './tape.ts';

export class ExpressionError extends Error {
  /** 1-based character position in the source, where one applies. */
  readonly position: number | undefined;
  constructor(message: string, position?: number) {
    super(message);
    this.name = 'ExpressionError';
    this.position = position;
  }
}

export interface CompiledExpression {
  readonly source: string;
  readonly variables: readonly string[];
  /** False when the formula uses a non-smooth function (abs). */
  readonly twiceDifferentiable: boolean;
  /** Number of tape instructions after sharing and folding. */
  readonly size: number;
  value(x: Float64Array): number;
  /** Writes ∇f(x) into g, returns f(x). */
  gradient(x: Float64Array, g: Float64Array): number;
  /** Writes H(x)·v into out. */
  hvp(x: Float64Array, v: Float64Array, out: Float64Array): void;
}

const CONSTANTS: Record<string, number> = {
  pi: Math.PI,
  PI: Math.PI,
  e: Math.E,
  E: Math.E,
  tau: 2 * Math.PI,
  phi: (1 + Math.sqrt(5)) / 2,
};

type Unary = { kind: 'unary'; op: Op; c?: number };
type FunctionSpec =
  | Unary
  | { kind: 'log' } // log(x) or log(x, base)
  | { kind: 'scaledLog'; scale: number } // log10, log2
  | { kind: 'pow' };

const FUNCTIONS: Record<string, FunctionSpec> = {
  exp: { kind: 'unary', op: Op.Exp },
  log: { kind: 'log' },
  ln: { kind: 'log' },
  log10: { kind: 'scaledLog', scale: 1 / Math.LN10 },
  log2: { kind: 'scaledLog', scale: 1 / Math.LN2 },
  log1p: { kind: 'unary', op: Op.Log1p },
  expm1: { kind: 'unary', op: Op.Expm1 },
  sqrt: { kind: 'unary', op: Op.Sqrt },
  cbrt: { kind: 'unary', op: Op.Cbrt },
  abs: { kind: 'unary', op: Op.Abs },
  sin: { kind: 'unary', op: Op.Sin },
  cos: { kind: 'unary', op: Op.Cos },
  tan: { kind: 'unary', op: Op.Tan },
  asin: { kind: 'unary', op: Op.Asin },
  acos: { kind: 'unary', op: Op.Acos },
  atan: { kind: 'unary', op: Op.Atan },
  sinh: { kind: 'unary', op: Op.Sinh },
  cosh: { kind: 'unary', op: Op.Cosh },
  tanh: { kind: 'unary', op: Op.Tanh },
  square: { kind: 'unary', op: Op.PowC, c: 2 },
  cube: { kind: 'unary', op: Op.PowC, c: 3 },
  pow: { kind: 'pow' },
};

/** Names of the supported functions, for messages and the UI. */
export const expressionFunctions: readonly string[] = Object.keys(FUNCTIONS);

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** 1-based position of the first whole-word occurrence of `name` (optionally followed by '('). */
function positionOf(source: string, name: string, asFunction = false): number | undefined {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp(`(?<![A-Za-z0-9_.])${escaped}(?![A-Za-z0-9_])${asFunction ? '(?=\\s*\\()' : ''}`);
  const m = re.exec(source);
  return m ? m.index + 1 : undefined;
}

function at(position: number | undefined): string {
  return position === undefined ? '' : ` at character ${position}`;
}

/** Translates a mathjs SyntaxError into "unexpected 'c' at character N (reason)". */
function syntaxError(source: string, error: Error & { char?: number }): ExpressionError {
  const match = /^(.*?)(?: \(char (\d+)\))?$/s.exec(error.message);
  const reason = (match?.[1] ?? error.message).trim();
  const position = typeof error.char === 'number' ? error.char : match?.[2] ? Number(match[2]) : undefined;
  if (position === undefined) return new ExpressionError(`expression: ${reason.charAt(0).toLowerCase()}${reason.slice(1)}`);
  const index = position - 1;
  const hint = /^unexpected/i.test(reason) ? '' : ` (${reason.charAt(0).toLowerCase()}${reason.slice(1)})`;
  if (index >= source.length) {
    return new ExpressionError(`expression: unexpected end of expression at character ${position}${hint}`, position);
  }
  return new ExpressionError(`expression: unexpected '${source[index]}' at character ${position}${hint}`, position);
}

/** Free symbols of a formula (not function names or constants), sorted: the default variables. */
export function expressionSymbols(source: string): string[] {
  const root = parseSource(source);
  const names = new Set<string>();
  visit(root, (node) => {
    if (node.type === 'SymbolNode') {
      const name = (node as unknown as { name: string }).name;
      if (!(name in CONSTANTS)) names.add(name);
    }
  });
  return [...names].sort();
}

function parseSource(source: string): MathNode {
  if (source.trim() === '') throw new ExpressionError('expression: the formula is empty');
  if (source.length > 10_000) throw new ExpressionError(`expression: too long (${source.length} characters; at most 10000)`);
  try {
    return parse(source);
  } catch (error) {
    if (error instanceof SyntaxError) throw syntaxError(source, error as SyntaxError & { char?: number });
    throw new ExpressionError(`expression: ${(error as Error).message}`);
  }
}

/** Visits symbols that are values (not the callee of a function call). */
function visit(node: MathNode, fn: (node: MathNode) => void): void {
  const n = node as unknown as { type: string; args?: MathNode[]; content?: MathNode };
  if (n.type === 'FunctionNode') {
    for (const arg of n.args ?? []) visit(arg, fn);
    return;
  }
  fn(node);
  if (n.type === 'ParenthesisNode' && n.content) visit(n.content, fn);
  if (n.type === 'OperatorNode') for (const arg of n.args ?? []) visit(arg, fn);
}

class TapeBuilder {
  readonly op: number[] = [];
  readonly a: number[] = [];
  readonly b: number[] = [];
  readonly c: number[] = [];
  private readonly memo = new Map<string, number>();
  kink = false;

  private push(op: Op, a: number, b: number, c: number, key: string): number {
    const hit = this.memo.get(key);
    if (hit !== undefined) return hit;
    const slot = this.op.length;
    this.op.push(op);
    this.a.push(a);
    this.b.push(b);
    this.c.push(c);
    this.memo.set(key, slot);
    return slot;
  }

  isConst(slot: number): boolean {
    return this.op[slot] === Op.Const;
  }

  constValue(slot: number): number {
    return this.c[slot];
  }

  constant(value: number): number {
    const key = Object.is(value, -0) ? 'k-0' : `k${value}`;
    return this.push(Op.Const, -1, -1, value, key);
  }

  variable(index: number): number {
    return this.push(Op.Var, index, -1, 0, `v${index}`);
  }

  unary(op: Op, x: number, c = 0): number {
    if (this.isConst(x)) return this.constant(unaryValue(op, this.constValue(x), c));
    if (op === Op.PowC) {
      if (c === 1) return x;
      if (c === 0) return this.constant(1);
    }
    if (isKink(op)) this.kink = true;
    return this.push(op, x, -1, c, `u${op}:${x}:${c}`);
  }

  binary(op: Op, x: number, y: number): number {
    if (this.isConst(x) && this.isConst(y)) return this.constant(binaryValue(op, this.constValue(x), this.constValue(y)));
    switch (op) {
      case Op.Add:
        if (this.isConst(y) && this.constValue(y) === 0) return x;
        if (this.isConst(x) && this.constValue(x) === 0) return y;
        break;
      case Op.Sub:
        if (this.isConst(y) && this.constValue(y) === 0) return x;
        if (this.isConst(x) && Object.is(this.constValue(x), 0)) return this.unary(Op.Neg, y);
        break;
      case Op.Mul:
        if (this.isConst(y) && this.constValue(y) === 1) return x;
        if (this.isConst(x) && this.constValue(x) === 1) return y;
        break;
      case Op.Div:
        if (this.isConst(y) && this.constValue(y) === 1) return x;
        break;
      case Op.Pow:
        if (this.isConst(y)) return this.unary(Op.PowC, x, this.constValue(y));
        if (this.isConst(x) && this.constValue(x) === Math.E) return this.unary(Op.Exp, y);
        break;
    }
    if ((op === Op.Add || op === Op.Mul) && y < x) [x, y] = [y, x];
    return this.push(op, x, y, 0, `b${op}:${x}:${y}`);
  }
}

/**
 * Parses and compiles `source`. With `variables` omitted, the formula's free symbols in
 * alphabetical order are the variables.
 */
export function compileExpression(source: string, variables?: readonly string[]): CompiledExpression {
  const root = parseSource(source);
  const vars = variables ? [...variables] : expressionSymbols(source);
  const seen = new Set<string>();
  for (const name of vars) {
    if (!IDENTIFIER.test(name)) throw new ExpressionError(`expression: '${name}' is not a valid variable name (letters, digits and _, not starting with a digit)`);
    if (name in FUNCTIONS) throw new ExpressionError(`expression: '${name}' is a function name and cannot be a variable`);
    if (seen.has(name)) throw new ExpressionError(`expression: variable '${name}' is listed twice`);
    seen.add(name);
  }
  if (vars.length === 0) throw new ExpressionError('expression: the formula has no variables');
  const index = new Map(vars.map((name, i) => [name, i]));
  const listed = `variables are ${vars.join(', ')}`;
  const builder = new TapeBuilder();

  const lower = (node: MathNode): number => {
    const n = node as unknown as {
      type: string;
      value?: unknown;
      name?: string;
      fn?: string | { name?: string };
      op?: string;
      args?: MathNode[];
      content?: MathNode;
    };
    switch (n.type) {
      case 'ParenthesisNode':
        return lower(n.content!);
      case 'ConstantNode': {
        if (typeof n.value !== 'number') throw new ExpressionError(`expression: unsupported constant ${JSON.stringify(n.value)} (only numbers)`);
        return builder.constant(n.value);
      }
      case 'SymbolNode': {
        const name = n.name!;
        const i = index.get(name);
        if (i !== undefined) return builder.variable(i);
        if (name in CONSTANTS) return builder.constant(CONSTANTS[name]);
        if (name in FUNCTIONS) {
          const p = positionOf(source, name);
          throw new ExpressionError(`expression: '${name}' is a function; call it as ${name}(…)${at(p)}`, p);
        }
        const p = positionOf(source, name);
        throw new ExpressionError(`expression: unknown variable '${name}'${at(p)} (${listed})`, p);
      }
      case 'OperatorNode': {
        const args = (n.args ?? []).map(lower);
        const fn = typeof n.fn === 'string' ? n.fn : n.fn?.name;
        const fold = (op: Op) => args.reduce((acc, x) => builder.binary(op, acc, x));
        switch (fn) {
          case 'add': return fold(Op.Add);
          case 'subtract': return fold(Op.Sub);
          case 'multiply': return fold(Op.Mul);
          case 'divide': return fold(Op.Div);
          case 'pow': return builder.binary(Op.Pow, args[0], args[1]);
          case 'unaryMinus': return builder.unary(Op.Neg, args[0]);
          case 'unaryPlus': return args[0];
          default: {
            const p = n.op ? source.indexOf(n.op) + 1 || undefined : undefined;
            throw new ExpressionError(`expression: unsupported operator '${n.op ?? fn}'${at(p)} (use + - * / ^)`, p);
          }
        }
      }
      case 'FunctionNode': {
        const name = typeof n.fn === 'object' && n.fn ? (n.fn.name ?? '') : (n.name ?? '');
        const spec = FUNCTIONS[name];
        const p = positionOf(source, name, true);
        if (!spec) {
          throw new ExpressionError(`expression: unknown function '${name}'${at(p)} (functions are ${expressionFunctions.join(', ')})`, p);
        }
        const args = (n.args ?? []).map(lower);
        const expect = (count: number | [number, number]) => {
          const [lo, hi] = typeof count === 'number' ? [count, count] : count;
          if (args.length < lo || args.length > hi) {
            const wanted = lo === hi ? `${lo}` : `${lo} or ${hi}`;
            throw new ExpressionError(`expression: ${name}() takes ${wanted} argument${hi === 1 ? '' : 's'}, got ${args.length}${at(p)}`, p);
          }
        };
        switch (spec.kind) {
          case 'unary':
            expect(1);
            return builder.unary(spec.op, args[0], spec.c ?? 0);
          case 'scaledLog':
            expect(1);
            return builder.binary(Op.Mul, builder.unary(Op.Log, args[0]), builder.constant(spec.scale));
          case 'log':
            expect([1, 2]);
            if (args.length === 1) return builder.unary(Op.Log, args[0]);
            return builder.binary(Op.Div, builder.unary(Op.Log, args[0]), builder.unary(Op.Log, args[1]));
          case 'pow':
            expect(2);
            return builder.binary(Op.Pow, args[0], args[1]);
        }
        throw new Error('unreachable');
      }
      default: {
        const what: Record<string, string> = {
          AssignmentNode: 'assignments',
          FunctionAssignmentNode: 'function definitions',
          AccessorNode: "property access '.' or indexing",
          IndexNode: 'indexing',
          ArrayNode: 'matrices and vectors [..]',
          ObjectNode: 'objects {..}',
          ConditionalNode: "conditionals '? :'",
          RangeNode: "ranges ':'",
          RelationalNode: 'comparisons',
          BlockNode: "several expressions (';' or line breaks)",
        };
        throw new ExpressionError(`expression: ${what[n.type] ?? n.type} are not supported; write a single formula`);
      }
    }
  };

  const tape = liveTape(builder, lower(root), vars.length);
  return {
    source,
    variables: vars,
    twiceDifferentiable: !builder.kink,
    size: tape.length,
    value: (x) => tape.value(x),
    gradient: (x, g) => tape.gradient(x, g),
    hvp: (x, v, out) => tape.hvp(x, v, out),
  };
}

/** The instructions the output depends on (folded constants and shared dead slots dropped), renumbered. */
function liveTape(builder: TapeBuilder, output: number, variableCount: number): Tape {
  const live = new Uint8Array(output + 1);
  live[output] = 1;
  for (let i = output; i >= 0; i--) {
    if (!live[i]) continue;
    const k = arity(builder.op[i] as Op);
    if (k >= 1) live[builder.a[i]] = 1;
    if (k === 2) live[builder.b[i]] = 1;
  }
  const slot = new Int32Array(output + 1).fill(-1);
  const op: number[] = [];
  const a: number[] = [];
  const b: number[] = [];
  const c: number[] = [];
  for (let i = 0; i <= output; i++) {
    if (!live[i]) continue;
    const k = arity(builder.op[i] as Op);
    slot[i] = op.length;
    op.push(builder.op[i]);
    a.push(k >= 1 ? slot[builder.a[i]] : builder.a[i]);
    b.push(k === 2 ? slot[builder.b[i]] : -1);
    c.push(builder.c[i]);
  }
  return new Tape(Int32Array.from(op), Int32Array.from(a), Int32Array.from(b), Float64Array.from(c), variableCount);
}
