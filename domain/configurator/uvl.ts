/**
 * UVL (Universal Variability Language) at the Boolean language level: a hand-written lexer, an iterative
 * indentation-tree builder with a recursive-descent constraint parser, and a canonical serializer.
 * Used to import rule bases from product-line tools (FeatureIDE, flamapy, UVLHub) into the configurator.
 *
 * Beyond the reference grammar (Universal-Variability-Language/uvl-parser) this parser accepts double-quoted
 * attribute strings, dots inside quoted names, backslash escapes (\\ \" \' \n \r \t) in quoted text and
 * unquoted Unicode letters in names; it rejects every construct above the Boolean level with a clear error.
 */

/** A feature with its attributes (`{abstract, price 1200}`) and its child groups, in file order. */
export interface UvlFeature {
  name: string;
  attributes: Record<string, string | number | boolean>;
  groups: UvlGroup[];
}

/** A group under a feature; `cardinality` is `[min..max]`, `[min..*]` or `[n]` (min = max = n). */
export type UvlGroup =
  | { kind: "mandatory" | "optional" | "alternative" | "or"; children: UvlFeature[] }
  | { kind: "cardinality"; min: number; max: number | "*"; children: UvlFeature[] };

/** A Boolean cross-tree constraint over feature names. */
export type UvlExpr =
  | { var: string }
  | { not: UvlExpr }
  | { and: [UvlExpr, UvlExpr] }
  | { or: [UvlExpr, UvlExpr] }
  | { implies: [UvlExpr, UvlExpr] }
  | { iff: [UvlExpr, UvlExpr] };

/** A whole Boolean-level feature model: optional namespace, one root feature, constraints in file order. */
export interface UvlModel {
  namespace?: string;
  root: UvlFeature;
  constraints: UvlExpr[];
}

/** A problem in the source; `line` and `column` are 1-based, columns count UTF-16 code units (a tab is one). */
export interface UvlError {
  line: number;
  column: number;
  message: string;
}

/** Either the model or every error found, sorted by position. */
export type UvlParseResult = { ok: true; model: UvlModel } | { ok: false; errors: UvlError[] };

/**
 * Parses a Boolean-level UVL model, collecting syntax and semantic errors (duplicate features, unknown
 * references, invalid cardinalities) instead of stopping at the first one.
 * @example
 * const result = parseUvl("features\n\tCar\n\t\toptional\n\t\t\tTow\nconstraints\n\tTow => Car\n");
 * if (result.ok) result.model.constraints; // [{ implies: [{ var: "Tow" }, { var: "Car" }] }]
 */
export function parseUvl(text: string): UvlParseResult {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const state = createState(source);
  const lines = joinLogicalLines(new Lexer(source, state.errors).run());
  checkIndentStyle(lines, state);
  const sections = parseSections(lines, state);
  reportUnknownReferences(state);
  if (state.errors.length > 0 || sections.root === undefined) {
    if (state.errors.length === 0) state.errors.push({ line: 1, column: 1, message: "missing 'features' section" });
    return { ok: false, errors: sortByPosition(state.errors) };
  }
  const model: UvlModel = { root: sections.root, constraints: state.constraints };
  if (sections.namespace !== undefined) model.namespace = sections.namespace;
  return { ok: true, model };
}

/**
 * Prints a model in canonical UVL: tab indentation, `[n..m]` cardinalities, bare keys for `true` attributes,
 * single-quoted attribute strings, the fewest parentheses that keep each constraint's tree, and quotes around
 * names only when they are not plain identifiers or are keywords. `parseUvl(serializeUvl(m))` gives back `m`.
 * @example
 * serializeUvl({ root: { name: "Car", attributes: { abstract: true }, groups: [] }, constraints: [] });
 * // "features\n\tCar {abstract}\n"
 */
export function serializeUvl(model: UvlModel): string {
  const out: string[] = [];
  if (model.namespace !== undefined) out.push(`namespace ${formatName(model.namespace)}`, "");
  out.push("features");
  writeFeatureTree(model.root, out);
  if (model.constraints.length > 0) {
    out.push("", "constraints");
    for (const constraint of model.constraints) out.push(`\t${formatExpr(constraint)}`);
  }
  return `${out.join("\n")}\n`;
}

// ---------------------------------------------------------------------------------------------------------------
// Lexer

type TokenKind = "id" | "dquote" | "squote" | "number" | "punct" | "unsupported" | "invalid";

interface Position {
  line: number;
  column: number;
}

interface Token extends Position {
  kind: TokenKind;
  /** Name or string value with escapes resolved, number text, or operator symbol. */
  text: string;
  offset: number;
  end: number;
  /** First token of a physical line that did not begin inside a block comment. */
  startsLine: boolean;
  /** Leading whitespace of the token's physical line, when `startsLine`. */
  indent: string;
}

const LF = 10;
const CR = 13;
const TAB = 9;
const SPACE = 32;
const SLASH = 47;
const STAR = 42;
const DOT = 46;
const MINUS = 45;
const DQUOTE = 34;
const SQUOTE = 39;
const BACKSLASH = 92;

const ESCAPES: Readonly<Record<string, string>> = { "\\": "\\", '"': '"', "'": "'", n: "\n", r: "\r", t: "\t" };

/** Longest first, so `<=>` wins over `<=` and `=>`. */
const OPERATORS: ReadonlyArray<readonly [string, TokenKind]> = [
  ["<=>", "punct"],
  ["=>", "punct"],
  ["..", "punct"],
  ["==", "unsupported"],
  ["!=", "unsupported"],
  ["<=", "unsupported"],
  [">=", "unsupported"],
  ["{", "punct"],
  ["}", "punct"],
  ["[", "punct"],
  ["]", "punct"],
  ["(", "punct"],
  [")", "punct"],
  [",", "punct"],
  [".", "punct"],
  ["*", "punct"],
  ["!", "punct"],
  ["&", "punct"],
  ["|", "punct"],
  ["<", "unsupported"],
  [">", "unsupported"],
  ["+", "unsupported"],
  ["-", "unsupported"],
  ["/", "unsupported"],
];

/** Extra identifier characters the reference lexer allows after the first letter. */
const REFERENCE_ID_EXTRAS = new Set(["#", "§", "%", "?", "\\", "'", ";"]);
const UNICODE_ID_START = /^\p{L}$/u;
const UNICODE_ID_PART = /^[\p{L}\p{N}\p{M}]$/u;

function isAsciiLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function codePointText(source: string, pos: number): string {
  return String.fromCodePoint(source.codePointAt(pos) ?? 0);
}

function isIdStartAt(source: string, pos: number): boolean {
  const code = source.charCodeAt(pos);
  if (isAsciiLetter(code) || code === 95) return true;
  return code >= 0x80 && UNICODE_ID_START.test(codePointText(source, pos));
}

/** Length in UTF-16 units of the identifier character at `pos`, or 0 when there is none. */
function idPartWidth(source: string, pos: number): number {
  if (pos >= source.length) return 0;
  const code = source.charCodeAt(pos);
  if (isAsciiLetter(code) || isDigit(code) || code === 95) return 1;
  if (code < 0x80) return REFERENCE_ID_EXTRAS.has(source[pos] ?? "") ? 1 : 0;
  const char = codePointText(source, pos);
  return REFERENCE_ID_EXTRAS.has(char) || UNICODE_ID_PART.test(char) ? char.length : 0;
}

class Lexer {
  readonly source: string;
  readonly errors: UvlError[];
  readonly tokens: Token[] = [];
  pos = 0;
  line = 1;
  lineStart = 0;
  lineHasToken = false;
  lineBeganInComment = false;

  constructor(source: string, errors: UvlError[]) {
    this.source = source;
    this.errors = errors;
  }

  run(): Token[] {
    const { source } = this;
    while (this.pos < source.length) {
      const code = source.charCodeAt(this.pos);
      const nextCode = source.charCodeAt(this.pos + 1);
      if (code === LF || code === CR) this.newline(code);
      else if (code === SPACE || code === TAB) this.pos++;
      else if (code === SLASH && nextCode === SLASH) this.skipLineComment();
      else if (code === SLASH && nextCode === STAR) this.skipBlockComment();
      else this.lexToken(code);
    }
    return this.tokens;
  }

  private newline(code: number): void {
    this.pos += code === CR && this.source.charCodeAt(this.pos + 1) === LF ? 2 : 1;
    this.line++;
    this.lineStart = this.pos;
    this.lineHasToken = false;
    this.lineBeganInComment = false;
  }

  private skipLineComment(): void {
    while (this.pos < this.source.length && !this.atLineBreak(this.pos)) this.pos++;
  }

  private skipBlockComment(): void {
    const start = this.position(this.pos);
    const close = this.source.indexOf("*/", this.pos + 2);
    if (close < 0) this.errors.push({ ...start, message: "unclosed block comment: missing '*/'" });
    const stop = close < 0 ? this.source.length : close + 2;
    for (let i = this.pos + 2; i < stop; i++) {
      const code = this.source.charCodeAt(i);
      if (code === LF || (code === CR && this.source.charCodeAt(i + 1) !== LF)) {
        this.line++;
        this.lineStart = i + 1;
        this.lineHasToken = false;
        this.lineBeganInComment = true;
      }
    }
    this.pos = stop;
  }

  private lexToken(code: number): void {
    const start = this.pos;
    if (code === DQUOTE || isIdStartAt(this.source, start)) this.lexName(start);
    else if (code === SQUOTE) this.lexString(start);
    else if (this.startsNumber(code)) this.lexNumber(start);
    else this.lexOperator(start);
  }

  private lexName(start: number): void {
    let value = this.readNameSegment();
    let singleQuoted = this.source.charCodeAt(start) === DQUOTE;
    while (value !== undefined && this.startsDottedSegment()) {
      this.pos++;
      const segment = this.readNameSegment();
      value = segment === undefined ? undefined : `${value}.${segment}`;
      singleQuoted = false;
    }
    if (value === undefined) this.push("invalid", "", start);
    else this.push(singleQuoted ? "dquote" : "id", value, start);
  }

  private startsDottedSegment(): boolean {
    const { source, pos } = this;
    if (source.charCodeAt(pos) !== DOT) return false;
    return source.charCodeAt(pos + 1) === DQUOTE || isIdStartAt(source, pos + 1);
  }

  private readNameSegment(): string | undefined {
    if (this.source.charCodeAt(this.pos) === DQUOTE) return this.readQuoted(DQUOTE);
    const start = this.pos;
    this.pos += codePointText(this.source, start).length;
    for (let width = idPartWidth(this.source, this.pos); width > 0; width = idPartWidth(this.source, this.pos)) {
      this.pos += width;
    }
    return this.source.slice(start, this.pos);
  }

  private lexString(start: number): void {
    const value = this.readQuoted(SQUOTE);
    this.push(value === undefined ? "invalid" : "squote", value ?? "", start);
  }

  /** Reads `"..."` or `'...'` with escapes; on a missing closing quote reports it and skips to the line end. */
  private readQuoted(quote: number): string | undefined {
    const { source } = this;
    const start = this.pos;
    let value = "";
    let chunkStart = start + 1;
    for (let i = start + 1; i < source.length && !this.atLineBreak(i); i++) {
      const code = source.charCodeAt(i);
      if (code === quote) {
        this.pos = i + 1;
        return value + source.slice(chunkStart, i);
      }
      const escaped = code === BACKSLASH ? ESCAPES[source[i + 1] ?? ""] : undefined;
      if (escaped !== undefined) {
        value += source.slice(chunkStart, i) + escaped;
        i++;
        chunkStart = i + 1;
      }
    }
    const closing = String.fromCharCode(quote);
    this.errors.push({ ...this.position(start), message: `unclosed string: missing closing ${closing}` });
    this.skipLineComment();
    return undefined;
  }

  private startsNumber(code: number): boolean {
    const { source, pos } = this;
    const next = source.charCodeAt(pos + 1);
    if (isDigit(code)) return true;
    if (code === DOT) return isDigit(next);
    return code === MINUS && (isDigit(next) || (next === DOT && isDigit(source.charCodeAt(pos + 2))));
  }

  private lexNumber(start: number): void {
    const { source } = this;
    if (source.charCodeAt(this.pos) === MINUS) this.pos++;
    this.skipDigits();
    if (source.charCodeAt(this.pos) === DOT && isDigit(source.charCodeAt(this.pos + 1))) {
      this.pos++;
      this.skipDigits();
    }
    this.skipExponent();
    if (idPartWidth(source, this.pos) > 0) {
      this.readNameSegment();
      const text = source.slice(start, this.pos);
      this.errors.push({ ...this.position(start), message: `a name cannot start with a digit; quote it: "${text}"` });
      this.push("invalid", text, start);
    } else {
      this.push("number", source.slice(start, this.pos), start);
    }
  }

  private skipDigits(): void {
    while (isDigit(this.source.charCodeAt(this.pos))) this.pos++;
  }

  private skipExponent(): void {
    const { source, pos } = this;
    const code = source.charCodeAt(pos);
    if (code !== 101 && code !== 69) return;
    const signed = source[pos + 1] === "+" || source[pos + 1] === "-";
    if (!isDigit(source.charCodeAt(pos + (signed ? 2 : 1)))) return;
    this.pos += signed ? 2 : 1;
    this.skipDigits();
  }

  private lexOperator(start: number): void {
    const operator = OPERATORS.find(([symbol]) => this.source.startsWith(symbol, start));
    if (operator !== undefined) {
      this.pos += operator[0].length;
      this.push(operator[1], operator[0], start);
      return;
    }
    const char = codePointText(this.source, start);
    this.pos += char.length;
    this.errors.push({ ...this.position(start), message: `unexpected character '${char}'` });
    this.push("invalid", char, start);
  }

  private push(kind: TokenKind, text: string, start: number): void {
    const startsLine = !this.lineHasToken && !this.lineBeganInComment;
    this.tokens.push({
      kind,
      text,
      line: this.line,
      column: start - this.lineStart + 1,
      offset: start,
      end: this.pos,
      startsLine,
      indent: startsLine ? this.leadingWhitespace() : "",
    });
    this.lineHasToken = true;
  }

  private leadingWhitespace(): string {
    let end = this.lineStart;
    while (this.source.charCodeAt(end) === SPACE || this.source.charCodeAt(end) === TAB) end++;
    return this.source.slice(this.lineStart, end);
  }

  private atLineBreak(pos: number): boolean {
    const code = this.source.charCodeAt(pos);
    return code === LF || code === CR;
  }

  private position(offset: number): Position {
    return { line: this.line, column: offset - this.lineStart + 1 };
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Logical lines: physical lines, joined while a bracket is open and the next line is deeper or starts with a closer
// (the reference lexer joins any lines inside brackets; requiring depth keeps a missing ')' local to its line).

interface LogicalLine {
  indent: string;
  tokens: Token[];
}

function joinLogicalLines(tokens: readonly Token[]): LogicalLine[] {
  const lines: LogicalLine[] = [];
  let current: LogicalLine | undefined;
  let openBrackets = 0;
  for (const token of tokens) {
    if (current === undefined || (token.startsLine && !continuesLine(token, current, openBrackets))) {
      current = { indent: token.indent, tokens: [] };
      lines.push(current);
      openBrackets = 0;
    }
    openBrackets = token.kind === "invalid" ? 0 : Math.max(0, openBrackets + bracketDelta(token));
    current.tokens.push(token);
  }
  return lines;
}

function continuesLine(token: Token, current: LogicalLine, openBrackets: number): boolean {
  if (openBrackets === 0) return false;
  return token.indent.length > current.indent.length || (token.kind === "punct" && ")]}".includes(token.text));
}

function bracketDelta(token: Token): number {
  if (token.kind !== "punct") return 0;
  if (token.text === "(" || token.text === "[" || token.text === "{") return 1;
  if (token.text === ")" || token.text === "]" || token.text === "}") return -1;
  return 0;
}

// ---------------------------------------------------------------------------------------------------------------
// Parser state, cursor and failures

interface ParseState {
  source: string;
  errors: UvlError[];
  declared: Map<string, Token>;
  references: Token[];
  constraints: UvlExpr[];
  misindented: Set<LogicalLine>;
}

function createState(source: string): ParseState {
  return { source, errors: [], declared: new Map(), references: [], constraints: [], misindented: new Set() };
}

function report(state: ParseState, at: Position, message: string): void {
  state.errors.push({ line: at.line, column: at.column, message });
}

class LineFailure extends Error {
  readonly line: number;
  readonly column: number;
  /** The lexer already reported the problem (an invalid token). */
  readonly silent: boolean;

  constructor(at: Position, message: string, silent = false) {
    super(message);
    this.line = at.line;
    this.column = at.column;
    this.silent = silent;
  }
}

/** Runs one line's parser; a syntax failure becomes an error and abandons only that line. */
function attempt(state: ParseState, parse: () => void): void {
  try {
    parse();
  } catch (failure) {
    if (!(failure instanceof LineFailure)) throw failure;
    if (!failure.silent) report(state, failure, failure.message);
  }
}

class LineCursor {
  readonly tokens: readonly Token[];
  index = 0;

  constructor(tokens: readonly Token[]) {
    this.tokens = tokens;
  }

  peek(): Token | undefined {
    return this.tokens[this.index];
  }

  atEnd(): boolean {
    return this.index >= this.tokens.length;
  }

  isPunct(symbol: string): boolean {
    const token = this.peek();
    return token !== undefined && token.kind === "punct" && token.text === symbol;
  }

  accept(symbol: string): Token | undefined {
    const token = this.peek();
    if (token === undefined || !this.isPunct(symbol)) return undefined;
    this.index++;
    return token;
  }

  isWord(word: string): boolean {
    const token = this.peek();
    return token !== undefined && token.kind === "id" && token.text === word;
  }

  endPosition(): Position {
    const last = this.tokens[this.tokens.length - 1];
    return last === undefined
      ? { line: 1, column: 1 }
      : { line: last.line, column: last.column + last.end - last.offset };
  }
}

function describeToken(token: Token): string {
  if (token.kind === "dquote") return `"${token.text}"`;
  if (token.kind === "squote") return `string '${token.text}'`;
  if (token.kind === "number") return `number ${token.text}`;
  return `'${token.text}'`;
}

function unexpected(cursor: LineCursor, expected: string): never {
  const token = cursor.peek();
  if (token === undefined)
    throw new LineFailure(cursor.endPosition(), `expected ${expected} but reached the end of the line`);
  if (token.kind === "invalid") throw new LineFailure(token, "", true);
  if (token.kind === "unsupported") {
    throw new LineFailure(token, `operator '${token.text}' is not supported: only Boolean constraints are allowed`);
  }
  throw new LineFailure(token, `expected ${expected} but found ${describeToken(token)}`);
}

function expectEnd(cursor: LineCursor, expected: string): void {
  if (!cursor.atEnd()) unexpected(cursor, expected);
}

/** Words the reference lexer treats as keywords; as names they must be quoted. */
const KEYWORDS = new Set([
  "namespace",
  "include",
  "imports",
  "features",
  "constraints",
  "constraint",
  "as",
  "cardinality",
  "mandatory",
  "optional",
  "alternative",
  "or",
  "Boolean",
  "Integer",
  "String",
  "Real",
  "true",
  "false",
  "len",
  "sum",
  "avg",
  "floor",
  "ceil",
  "Type",
  "Arithmetic",
]);

/** `what` names the expected thing with its article, e.g. "a feature name". */
function expectName(cursor: LineCursor, what: string): Token {
  const token = cursor.peek();
  if (token?.kind === "dquote" && token.text === "") throw new LineFailure(token, `${what} cannot be empty`);
  if (token?.kind === "id" && KEYWORDS.has(token.text)) {
    throw new LineFailure(token, `'${token.text}' is a keyword; write "${token.text}" to use it as ${what}`);
  }
  if (token?.kind !== "id" && token?.kind !== "dquote") unexpected(cursor, what);
  cursor.index++;
  return token;
}

// ---------------------------------------------------------------------------------------------------------------
// Sections

interface Sections {
  namespace?: string;
  root?: UvlFeature;
  seen: Map<string, Token>;
}

const SECTION_KEYWORDS = new Set(["namespace", "include", "imports", "features", "constraints"]);

function parseSections(lines: readonly LogicalLine[], state: ParseState): Sections {
  const sections: Sections = { seen: new Map() };
  let start = 0;
  while (start < lines.length) {
    let end = start + 1;
    while (end < lines.length && lines[end]?.indent !== "") end++;
    const header = lines[start];
    if (header !== undefined) parseSection(header, lines.slice(start + 1, end), state, sections);
    start = end;
  }
  if (!sections.seen.has("features")) report(state, { line: 1, column: 1 }, "missing 'features' section");
  return sections;
}

function parseSection(header: LogicalLine, body: LogicalLine[], state: ParseState, sections: Sections): void {
  const keyword = header.tokens[0];
  if (keyword === undefined) return;
  const problem = sectionProblem(header, keyword, sections);
  if (problem !== undefined) {
    report(state, keyword, problem);
    return;
  }
  sections.seen.set(keyword.text, keyword);
  if (keyword.text === "imports") report(state, keyword, IMPORTS_UNSUPPORTED);
  else if (keyword.text === "namespace") parseNamespace(header, body, state, sections);
  else if (headerStandsAlone(header, state)) parseSectionBody(keyword.text, header, body, state, sections);
}

const IMPORTS_UNSUPPORTED = "imports are not supported: compose the model into a single file before importing it";

function sectionProblem(header: LogicalLine, keyword: Token, sections: Sections): string | undefined {
  if (header.indent !== "") return "indented line outside of any section";
  if (keyword.kind !== "id" || !SECTION_KEYWORDS.has(keyword.text)) {
    const hint =
      keyword.kind === "id" || keyword.kind === "dquote" ? "; features must be indented under 'features'" : "";
    return `expected a section (namespace, include, imports, features, constraints)${hint}`;
  }
  const first = sections.seen.get(keyword.text);
  return first === undefined ? undefined : `duplicate '${keyword.text}' section (first at line ${first.line})`;
}

function parseSectionBody(
  keyword: string,
  header: LogicalLine,
  body: LogicalLine[],
  state: ParseState,
  sections: Sections,
): void {
  if (keyword === "include") for (const line of body) checkLanguageLevel(line, state);
  if (keyword === "features") sections.root = buildFeatureTree(header, body, state);
  if (keyword === "constraints") for (const line of body) parseConstraintLine(line, state);
}

function headerStandsAlone(header: LogicalLine, state: ParseState): boolean {
  const extra = header.tokens[1];
  if (extra === undefined) return true;
  if (extra.kind !== "invalid")
    report(state, extra, `unexpected ${describeToken(extra)} after '${header.tokens[0]?.text}'`);
  return false;
}

function parseNamespace(header: LogicalLine, body: LogicalLine[], state: ParseState, sections: Sections): void {
  attempt(state, () => {
    const cursor = new LineCursor(header.tokens);
    cursor.index = 1;
    sections.namespace = expectName(cursor, "a namespace").text;
    expectEnd(cursor, "the end of the line after the namespace");
  });
  const stray = body[0]?.tokens[0];
  if (stray !== undefined) report(state, stray, "unexpected indented line after the namespace");
}

const BOOLEAN_LEVELS = new Set(["Boolean", "Boolean.*", "Boolean.group-cardinality"]);

function checkLanguageLevel(line: LogicalLine, state: ParseState): void {
  const first = line.tokens[0];
  const last = line.tokens[line.tokens.length - 1];
  if (first === undefined || last === undefined) return;
  const level = state.source.slice(first.offset, last.end).replace(/\s+/g, "");
  if (!BOOLEAN_LEVELS.has(level)) {
    report(state, first, `language level '${level}' is not supported: only Boolean-level models can be imported`);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Indentation

function checkIndentStyle(lines: readonly LogicalLine[], state: ParseState): void {
  let style: { char: string; line: number } | undefined;
  for (const line of lines) {
    const first = line.tokens[0];
    const char = line.indent[0];
    if (first === undefined || char === undefined) continue;
    style ??= { char, line: first.line };
    const offending = [...line.indent].findIndex((c) => c !== style?.char);
    if (offending < 0) continue;
    state.misindented.add(line);
    report(state, { line: first.line, column: offending + 1 }, indentStyleMessage(style, first.line));
  }
}

function indentStyleMessage(style: { char: string; line: number }, line: number): string {
  if (style.line === line) return "inconsistent indentation: this line mixes tabs and spaces";
  return style.char === "\t"
    ? `inconsistent indentation: found a space, but line ${style.line} indents with tabs`
    : `inconsistent indentation: found a tab, but line ${style.line} indents with spaces`;
}

interface TreeFrame {
  width: number;
  feature?: UvlFeature;
  group?: UvlGroup;
  isSection?: boolean;
}

function lastFrame(stack: readonly TreeFrame[]): TreeFrame {
  const top = stack[stack.length - 1];
  if (top === undefined) throw new Error("feature tree stack is empty");
  return top;
}

/** Pops to the frame the line belongs under, Python style: deeper is a child, equal is a sibling. */
function findParentFrame(stack: TreeFrame[], line: LogicalLine, state: ParseState): TreeFrame {
  const width = line.indent.length;
  let popped = false;
  while (stack.length > 1 && lastFrame(stack).width > width) {
    stack.pop();
    popped = true;
  }
  if (stack.length > 1 && lastFrame(stack).width === width) {
    stack.pop();
    return lastFrame(stack);
  }
  const first = line.tokens[0];
  if (popped && first !== undefined && !state.misindented.has(line)) {
    report(state, first, "inconsistent indentation: this line does not line up with any enclosing level");
  }
  return lastFrame(stack);
}

// ---------------------------------------------------------------------------------------------------------------
// Feature tree

interface GroupSite {
  group: UvlGroup;
  keyword: Token;
}

function buildFeatureTree(
  header: LogicalLine,
  body: readonly LogicalLine[],
  state: ParseState,
): UvlFeature | undefined {
  const roots: UvlGroup = { kind: "mandatory", children: [] };
  const stack: TreeFrame[] = [{ width: 0, group: roots, isSection: true }];
  const groupSites: GroupSite[] = [];
  const groupsWithLines = new Set<UvlGroup>();
  for (const line of body) {
    const parent = findParentFrame(stack, line, state);
    if (parent.group !== undefined) groupsWithLines.add(parent.group);
    stack.push(parseTreeLine(line, parent, state, groupSites));
  }
  for (const site of groupSites) {
    if (!groupsWithLines.has(site.group)) {
      report(state, site.keyword, `empty group '${site.keyword.text}': a group needs at least one feature`);
    }
  }
  const keyword = header.tokens[0];
  if (roots.children.length === 0 && keyword !== undefined)
    report(state, keyword, "the features section has no root feature");
  return roots.children[0];
}

const GROUP_KEYWORDS = new Set(["mandatory", "optional", "alternative", "or"]);

function isGroupLine(line: LogicalLine): boolean {
  const first = line.tokens[0];
  if (first === undefined) return false;
  return (first.kind === "id" && GROUP_KEYWORDS.has(first.text)) || (first.kind === "punct" && first.text === "[");
}

function parseTreeLine(line: LogicalLine, parent: TreeFrame, state: ParseState, groupSites: GroupSite[]): TreeFrame {
  const width = line.indent.length;
  const first = line.tokens[0] as Token;
  if (isGroupLine(line)) {
    const group = parseGroupLine(line, state);
    if (parent.feature === undefined) {
      report(state, first, "expected a feature here, not a group: groups go directly under a feature");
    } else if (group !== undefined) {
      parent.feature.groups.push(group);
      groupSites.push({ group, keyword: first });
    }
    return { width, group: group ?? { kind: "optional", children: [] } };
  }
  const feature = parseFeatureLine(line, state) ?? { name: "", attributes: {}, groups: [] };
  attachFeature(feature, parent, first, state);
  return { width, feature };
}

function attachFeature(feature: UvlFeature, parent: TreeFrame, first: Token, state: ParseState): void {
  if (parent.group === undefined) {
    const name = feature.name === "" ? "" : ` '${feature.name}'`;
    report(state, first, `feature${name} needs a group (mandatory, optional, alternative, or, [n..m]) above it`);
  } else if (parent.isSection && parent.group.children.length > 0) {
    report(state, first, "a feature model has exactly one root feature");
  } else {
    parent.group.children.push(feature);
  }
}

function parseGroupLine(line: LogicalLine, state: ParseState): UvlGroup | undefined {
  const parsed: { group?: UvlGroup } = {};
  attempt(state, () => {
    const cursor = new LineCursor(line.tokens);
    parsed.group = parseGroupHeader(cursor, state);
    expectEnd(cursor, "the end of the line after the group");
  });
  return parsed.group;
}

function parseGroupHeader(cursor: LineCursor, state: ParseState): UvlGroup {
  const keyword = cursor.peek();
  if (keyword?.kind === "id") {
    cursor.index++;
    return { kind: keyword.text as "mandatory" | "optional" | "alternative" | "or", children: [] };
  }
  const { min, max } = parseCardinality(cursor, state);
  return { kind: "cardinality", min, max, children: [] };
}

function parseCardinality(cursor: LineCursor, state: ParseState): { min: number; max: number | "*" } {
  const open = cursor.accept("[");
  if (open === undefined) return unexpected(cursor, "'['");
  if (cursor.isPunct("]")) throw new LineFailure(open, "empty cardinality '[]': write [n], [n..m] or [n..*]");
  const min = expectBound(cursor);
  const isRange = cursor.accept("..") !== undefined;
  const max = !isRange ? min : cursor.accept("*") ? "*" : expectBound(cursor);
  if (!cursor.accept("]")) {
    if (cursor.atEnd()) throw new LineFailure(open, "unclosed '[': missing ']'");
    unexpected(cursor, isRange ? "']'" : "'..' or ']'");
  }
  if (max !== "*" && min > max) {
    report(state, open, `invalid cardinality [${min}..${max}]: the lower bound is greater than the upper bound`);
  }
  return { min, max };
}

function expectBound(cursor: LineCursor): number {
  const token = cursor.peek();
  if (token?.kind !== "number") return unexpected(cursor, "a cardinality bound");
  if (!/^\d+$/.test(token.text)) throw new LineFailure(token, "cardinality bounds must be non-negative integers");
  cursor.index++;
  return Number(token.text);
}

function parseFeatureLine(line: LogicalLine, state: ParseState): UvlFeature | undefined {
  const parsed: { feature?: UvlFeature } = {};
  attempt(state, () => {
    const cursor = new LineCursor(line.tokens);
    skipFeatureType(cursor, state);
    const nameToken = expectName(cursor, "a feature name");
    const feature: UvlFeature = { name: nameToken.text, attributes: {}, groups: [] };
    parsed.feature = feature;
    declareFeature(nameToken, state);
    rejectFeatureCardinality(cursor, state);
    if (cursor.isPunct("{")) parseAttributes(cursor, state, feature.attributes);
    expectEnd(cursor, "attributes '{...}' or the end of the line");
  });
  return parsed.feature;
}

const FEATURE_TYPES = new Set(["Boolean", "Integer", "String", "Real"]);

function skipFeatureType(cursor: LineCursor, state: ParseState): void {
  const token = cursor.peek();
  if (token?.kind !== "id" || !FEATURE_TYPES.has(token.text) || cursor.tokens.length < 2) return;
  cursor.index++;
  if (token.text !== "Boolean") {
    report(state, token, `${token.text} features are not supported: only Boolean features are supported`);
  }
}

function rejectFeatureCardinality(cursor: LineCursor, state: ParseState): void {
  const token = cursor.peek();
  if (token === undefined || !cursor.isWord("cardinality")) return;
  cursor.index++;
  report(state, token, "feature cardinality is not supported: it is not part of the Boolean level");
  parseCardinality(cursor, state);
}

function declareFeature(nameToken: Token, state: ParseState): void {
  const first = state.declared.get(nameToken.text);
  if (first === undefined) {
    state.declared.set(nameToken.text, nameToken);
    return;
  }
  const where = `line ${first.line}, column ${first.column}`;
  report(state, nameToken, `duplicate feature '${nameToken.text}' (first declared at ${where})`);
}

// ---------------------------------------------------------------------------------------------------------------
// Attributes

type AttributeValue = string | number | boolean;

function parseAttributes(cursor: LineCursor, state: ParseState, attributes: Record<string, AttributeValue>): void {
  const open = cursor.accept("{") as Token;
  if (cursor.accept("}")) return;
  do parseAttribute(cursor, state, attributes);
  while (cursor.accept(","));
  if (cursor.accept("}")) return;
  if (cursor.atEnd()) throw new LineFailure(open, "unclosed '{': missing '}'");
  unexpected(cursor, "',' or '}'");
}

function parseAttribute(cursor: LineCursor, state: ParseState, attributes: Record<string, AttributeValue>): void {
  if (cursor.isWord("constraint") || cursor.isWord("constraints")) {
    parseConstraintAttribute(cursor, state);
    return;
  }
  const key = expectName(cursor, "an attribute name");
  const value = atAttributeEnd(cursor) ? true : parseAttributeValue(cursor);
  if (Object.hasOwn(attributes, key.text)) report(state, key, `duplicate attribute '${key.text}'`);
  else setAttribute(attributes, key.text, value);
}

function atAttributeEnd(cursor: LineCursor): boolean {
  return cursor.atEnd() || cursor.isPunct(",") || cursor.isPunct("}");
}

/** Assigns without tripping the `__proto__` setter. */
function setAttribute(attributes: Record<string, AttributeValue>, key: string, value: AttributeValue): void {
  Object.defineProperty(attributes, key, { value, enumerable: true, writable: true, configurable: true });
}

function parseAttributeValue(cursor: LineCursor): AttributeValue {
  const token = cursor.peek() as Token;
  if (token.kind === "punct" && token.text === "{")
    throw new LineFailure(token, "nested attribute values are not supported");
  if (token.kind === "punct" && token.text === "[")
    throw new LineFailure(token, "list attribute values are not supported");
  const value = literalValue(token);
  if (value === undefined) unexpected(cursor, "an attribute value (number, string, true or false)");
  cursor.index++;
  return value;
}

function literalValue(token: Token): AttributeValue | undefined {
  if (token.kind === "number") return Number(token.text);
  if (token.kind === "squote" || token.kind === "dquote") return token.text;
  if (token.kind === "id" && (token.text === "true" || token.text === "false")) return token.text === "true";
  return undefined;
}

/** `constraint <expr>` or `constraints [<expr>, ...]` inside attributes: joins the model's constraints. */
function parseConstraintAttribute(cursor: LineCursor, state: ParseState): void {
  const keyword = cursor.peek() as Token;
  cursor.index++;
  if (keyword.text === "constraint") {
    parseEmbeddedConstraint(cursor, state);
    return;
  }
  const open = cursor.accept("[");
  if (open === undefined) unexpected(cursor, "'[' starting a constraint list");
  if (cursor.accept("]")) return;
  do parseEmbeddedConstraint(cursor, state);
  while (cursor.accept(","));
  if (cursor.accept("]")) return;
  if (cursor.atEnd()) throw new LineFailure(open, "unclosed '[': missing ']'");
  unexpected(cursor, "',' or ']'");
}

function parseEmbeddedConstraint(cursor: LineCursor, state: ParseState): void {
  const references: Token[] = [];
  state.constraints.push(parseExpression({ cursor, references }));
  for (const reference of references) state.references.push(reference);
}

// ---------------------------------------------------------------------------------------------------------------
// Constraints: `!` > `&` > `|` > `=>` > `<=>`, all grouping to the left as in the reference grammar.

interface ExprContext {
  cursor: LineCursor;
  references: Token[];
}

function parseConstraintLine(line: LogicalLine, state: ParseState): void {
  attempt(state, () => {
    const cursor = new LineCursor(line.tokens);
    const references: Token[] = [];
    const constraint = parseExpression({ cursor, references });
    expectEnd(cursor, "an operator (&, |, =>, <=>) or the end of the line");
    state.constraints.push(constraint);
    for (const reference of references) state.references.push(reference);
  });
}

function parseExpression(context: ExprContext): UvlExpr {
  let left = parseImplication(context);
  while (context.cursor.accept("<=>")) left = { iff: [left, parseImplication(context)] };
  return left;
}

function parseImplication(context: ExprContext): UvlExpr {
  let left = parseDisjunction(context);
  while (context.cursor.accept("=>")) left = { implies: [left, parseDisjunction(context)] };
  return left;
}

function parseDisjunction(context: ExprContext): UvlExpr {
  let left = parseConjunction(context);
  while (context.cursor.accept("|")) left = { or: [left, parseConjunction(context)] };
  return left;
}

function parseConjunction(context: ExprContext): UvlExpr {
  let left = parseNegation(context);
  while (context.cursor.accept("&")) left = { and: [left, parseNegation(context)] };
  return left;
}

function parseNegation(context: ExprContext): UvlExpr {
  let negations = 0;
  while (context.cursor.accept("!")) negations++;
  let operand = parsePrimary(context);
  for (; negations > 0; negations--) operand = { not: operand };
  return operand;
}

const AGGREGATE_FUNCTIONS = new Set(["sum", "avg", "len", "floor", "ceil"]);

function parsePrimary(context: ExprContext): UvlExpr {
  const { cursor } = context;
  const open = cursor.accept("(");
  if (open !== undefined) {
    const inner = parseExpression(context);
    if (cursor.accept(")")) return inner;
    if (cursor.atEnd()) throw new LineFailure(open, "unclosed '(': missing ')'");
    return unexpected(cursor, "an operator (&, |, =>, <=>) or ')'");
  }
  const token = cursor.peek();
  if (token?.kind === "id" && AGGREGATE_FUNCTIONS.has(token.text)) {
    throw new LineFailure(
      token,
      `aggregate function '${token.text}' is not supported: only Boolean constraints are allowed`,
    );
  }
  if (token?.kind === "number" || token?.kind === "squote") {
    throw new LineFailure(token, `${describeToken(token)} is not supported: only Boolean constraints are allowed`);
  }
  const name = token?.kind === "id" || token?.kind === "dquote" ? expectName(cursor, "a feature name") : undefined;
  if (name === undefined) return unexpected(cursor, "a feature name, '!' or '('");
  context.references.push(name);
  return { var: name.text };
}

function reportUnknownReferences(state: ParseState): void {
  for (const reference of state.references) {
    if (!state.declared.has(reference.text))
      report(state, reference, `unknown feature '${reference.text}' in constraint`);
  }
}

function sortByPosition(errors: UvlError[]): UvlError[] {
  return errors.sort((a, b) => a.line - b.line || a.column - b.column);
}

// ---------------------------------------------------------------------------------------------------------------
// Serializer

type TreeWork = { line: string } | { feature: UvlFeature; depth: number };

/** Depth-first with an explicit stack, so very deep trees cannot overflow the call stack. */
function writeFeatureTree(root: UvlFeature, out: string[]): void {
  const pending: TreeWork[] = [{ feature: root, depth: 1 }];
  for (let work = pending.pop(); work !== undefined; work = pending.pop()) {
    if ("line" in work) {
      out.push(work.line);
      continue;
    }
    const { feature, depth } = work;
    out.push(`${"\t".repeat(depth)}${formatFeature(feature)}`);
    for (let g = feature.groups.length - 1; g >= 0; g--) {
      const group = feature.groups[g] as UvlGroup;
      for (let c = group.children.length - 1; c >= 0; c--) {
        pending.push({ feature: group.children[c] as UvlFeature, depth: depth + 2 });
      }
      pending.push({ line: `${"\t".repeat(depth + 1)}${formatGroupHeader(group)}` });
    }
  }
}

function formatFeature(feature: UvlFeature): string {
  const entries = Object.entries(feature.attributes);
  if (entries.length === 0) return formatName(feature.name);
  const attributes = entries.map(([key, value]) =>
    value === true ? formatName(key) : `${formatName(key)} ${formatValue(value)}`,
  );
  return `${formatName(feature.name)} {${attributes.join(", ")}}`;
}

function formatGroupHeader(group: UvlGroup): string {
  return group.kind === "cardinality" ? `[${group.min}..${group.max}]` : group.kind;
}

function formatValue(value: AttributeValue): string {
  if (typeof value === "string") return quote(value, "'");
  if (typeof value === "boolean") return String(value);
  if (!Number.isFinite(value)) throw new RangeError(`UVL cannot represent the attribute value ${value}`);
  return Object.is(value, -0) ? "-0" : String(value);
}

const PLAIN_SEGMENT = /^[A-Za-z][A-Za-z0-9_]*$/;

function formatName(name: string): string {
  const plain = name.split(".").every((segment) => PLAIN_SEGMENT.test(segment) && !KEYWORDS.has(segment));
  return plain ? name : quote(name, '"');
}

function quote(text: string, quoteChar: '"' | "'"): string {
  const special = quoteChar === '"' ? /[\\"\n\r]/g : /[\\'\n\r]/g;
  const escaped = text.replace(special, (char) => (char === "\n" ? "\\n" : char === "\r" ? "\\r" : `\\${char}`));
  return `${quoteChar}${escaped}${quoteChar}`;
}

const PRECEDENCE = { iff: 1, implies: 2, or: 3, and: 4, not: 5, var: 6 } as const;

function precedenceOf(expr: UvlExpr): number {
  if ("var" in expr) return PRECEDENCE.var;
  if ("not" in expr) return PRECEDENCE.not;
  if ("and" in expr) return PRECEDENCE.and;
  if ("or" in expr) return PRECEDENCE.or;
  if ("implies" in expr) return PRECEDENCE.implies;
  return PRECEDENCE.iff;
}

function formatExpr(expr: UvlExpr): string {
  if ("var" in expr) return formatName(expr.var);
  if ("not" in expr) return `!${formatOperand(expr.not, precedenceOf(expr.not) < PRECEDENCE.not)}`;
  if ("and" in expr) return formatBinary(expr.and, "&", PRECEDENCE.and, "left");
  if ("or" in expr) return formatBinary(expr.or, "|", PRECEDENCE.or, "left");
  if ("implies" in expr) return formatBinary(expr.implies, "=>", PRECEDENCE.implies, "none");
  return formatBinary(expr.iff, "<=>", PRECEDENCE.iff, "left");
}

function formatBinary(
  [left, right]: [UvlExpr, UvlExpr],
  operator: string,
  precedence: number,
  associativity: "left" | "none",
): string {
  const leftNeedsParens = associativity === "left" ? precedenceOf(left) < precedence : precedenceOf(left) <= precedence;
  const rightNeedsParens = precedenceOf(right) <= precedence;
  return `${formatOperand(left, leftNeedsParens)} ${operator} ${formatOperand(right, rightNeedsParens)}`;
}

function formatOperand(expr: UvlExpr, parenthesize: boolean): string {
  return parenthesize ? `(${formatExpr(expr)})` : formatExpr(expr);
}
