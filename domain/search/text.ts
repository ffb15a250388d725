import { pinyin } from "pinyin-pro";

/**
 * Text matching for catalogue search without a word segmenter: Chinese by substring, Latin by word,
 * prefix and (for longer words) edit distance, and Chinese names also by their pinyin and pinyin
 * initials. Matching runs against the few thousand distinct names in the catalogue, never per vehicle.
 */

/** A query token: a run of Han characters, or a run of Latin letters and digits. */
export type Token = { text: string; han: boolean };

/** A name prepared once for matching: its Latin words and, per character, its pinyin syllable. */
export type PreparedText = {
  text: string;
  folded: string;
  /** Latin words of the folded text with their start offsets. */
  words: Array<{ word: string; start: number }>;
  /** For Han characters, [syllable, charIndex]; empty when the text has none. */
  syllables: Array<{ syllable: string; at: number }>;
  initials: string;
};

export type TextMatch = { score: number; start: number; end: number };

const HAN = /\p{Script=Han}/u;
const TOKEN = /\p{Script=Han}+|[\p{Letter}\p{Number}]+/gu;
const MAX_TOKENS = 8;
const MAX_TOKEN_LENGTH = 32;

/**
 * Lower-case, width-folded (full-width Ｓ７ → s7) form with the same length as the input.
 * @example fold("ＳＵＶ") // "suv"
 */
export function fold(text: string): string {
  let out = "";
  for (const char of text) {
    const normal = char.normalize("NFKC").toLowerCase();
    out += normal.length === char.length ? normal : char.toLowerCase();
  }
  return out;
}

/**
 * The tokens of a query: Han runs and Latin/digit runs; punctuation, emoji and syntax characters
 * separate tokens and are otherwise ignored. At most 8 tokens of at most 32 characters.
 * @example tokenize("星曜S7 长续航").map((t) => t.text) // ["星曜", "s7", "长续航"]
 */
export function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  for (const [run] of fold(query).matchAll(TOKEN)) {
    if (tokens.length === MAX_TOKENS) break;
    const text = run.slice(0, MAX_TOKEN_LENGTH);
    if (!tokens.some((token) => token.text === text)) tokens.push({ text, han: HAN.test(text) });
  }
  return tokens;
}

/**
 * Prepare a catalogue name for matching.
 * @example prepare("星曜 S7").initials // "xy"
 */
export function prepare(text: string): PreparedText {
  const folded = fold(text);
  const words = [...folded.matchAll(/[\p{Letter}\p{Number}]+/gu)]
    .filter(([word]) => !HAN.test(word))
    .map((match) => ({ word: match[0], start: match.index }));
  const chars = [...folded];
  const syllables: PreparedText["syllables"] = [];
  if (chars.some((char) => HAN.test(char))) {
    const spoken = pinyin(folded, { toneType: "none", type: "array", nonZh: "removed", v: true });
    let next = 0;
    let offset = 0;
    for (const char of chars) {
      if (HAN.test(char)) syllables.push({ syllable: spoken[next++] ?? "", at: offset });
      offset += char.length;
    }
  }
  return { text, folded, words, syllables, initials: syllables.map((s) => s.syllable[0] ?? "").join("") };
}

/**
 * How well a token matches a prepared name (higher is better), and where, or null. Scores: exact
 * name 10, exact word 9, pinyin of the whole name 9, prefix 8, pinyin initials 8, pinyin from a
 * syllable 6, substring 6, within edit distance 3.
 * @example matchText(prepare("极光绿"), { text: "jiguang", han: false }) // { score: 7, start: 0, end: 2 }
 */
export function matchText(name: PreparedText, token: Token): TextMatch | null {
  const { folded } = name;
  const q = token.text;
  if (folded === q) return { score: 10, start: 0, end: folded.length };
  const at = folded.indexOf(q);
  if (token.han) return at < 0 ? null : { score: at === 0 ? 8 : 6, start: at, end: at + q.length };
  let best: TextMatch | null = null;
  const consider = (match: TextMatch) => {
    if (!best || match.score > best.score) best = match;
  };
  for (const { word, start } of name.words) {
    if (word === q) consider({ score: 9, start, end: start + word.length });
    else if (word.startsWith(q)) consider({ score: 8, start, end: start + q.length });
    else if (q.length >= 4 && withinEdits(word, q, q.length >= 8 ? 2 : 1))
      consider({ score: 3, start, end: start + word.length });
  }
  if (at >= 0 && q.length >= 3) consider({ score: 6, start: at, end: at + q.length });
  if (name.syllables.length > 0) {
    const spoken = pinyinMatch(name, q);
    if (spoken) consider(spoken);
  }
  return best;
}

function pinyinMatch(name: PreparedText, q: string): TextMatch | null {
  const { syllables, initials } = name;
  const charEnd = (index: number) => {
    const s = syllables[index] as { at: number };
    return s.at + ((name.folded.codePointAt(s.at) as number) > 0xffff ? 2 : 1);
  };
  if (q.length >= 2 && initials === q) return { score: 8, start: 0, end: charEnd(syllables.length - 1) };
  for (let from = 0; from < syllables.length; from++) {
    let rest = q;
    let to = from;
    while (to < syllables.length && rest.length > 0) {
      const syllable = (syllables[to] as { syllable: string }).syllable;
      if (rest.startsWith(syllable)) rest = rest.slice(syllable.length);
      else if (syllable.startsWith(rest) && (q.length >= 2 || to > from)) rest = "";
      else break;
      to++;
    }
    if (rest.length === 0 && to > from) {
      const whole = from === 0 && to === syllables.length;
      const score = whole ? 9 : from === 0 ? 7 : 6;
      return { score, start: (syllables[from] as { at: number }).at, end: charEnd(to - 1) };
    }
  }
  const initialAt = q.length >= 2 ? initials.indexOf(q) : -1;
  if (initialAt >= 0)
    return { score: 5, start: (syllables[initialAt] as { at: number }).at, end: charEnd(initialAt + q.length - 1) };
  return null;
}

/** Whether the Damerau–Levenshtein (optimal string alignment) distance of a and b is at most k. */
export function withinEdits(a: string, b: string, k: number): boolean {
  if (Math.abs(a.length - b.length) > k) return false;
  let prevPrev: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        value = Math.min(value, (prevPrev[j - 2] as number) + 1);
      row.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > k) return false;
    prevPrev = prev;
    prev = row;
  }
  return (prev[b.length] as number) <= k;
}

/**
 * The character ranges of a name (or a name prepared once) that the query's tokens match, merged
 * and sorted, for <mark>.
 * @example highlight("星曜 S7", tokenize("s7")) // [[3, 5]]
 */
export function highlight(text: string | PreparedText, tokens: Token[]): Array<[number, number]> {
  if (tokens.length === 0) return [];
  const name = typeof text === "string" ? prepare(text) : text;
  const ranges = tokens
    .map((token) => matchText(name, token))
    .filter((match): match is TextMatch => match !== null)
    .map((match): [number, number] => [match.start, match.end])
    .sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const range of ranges) {
    const last = merged.at(-1);
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push(range);
  }
  return merged;
}
