// kuromoji 0.1.2's tokenize(), re-implemented over the dictionaries kuromoji itself loaded, giving the same tokens
// about three times faster. Why: kuromoji builds its word lattice by calling the trie's commonPrefixSearch on every
// suffix of the sentence, and each call encodes the whole suffix to UTF-8 again (a fresh 4×-sized buffer), copies a
// buffer and decodes a string for every dictionary word found, and wraps the suffix in a SurrogateAwareString (an
// index array over the whole suffix): quadratic in the sentence length and most of koe's garbage. Here the sentence
// is encoded once and the trie is walked from each character's byte offset; lattice nodes are rows of typed arrays;
// a dictionary entry's costs and features are read from the dictionary's bytes (shared by all threads when
// shared-dictionary.ts loaded them) through a compact tid_map index instead of kuromoji's per-thread object.
//
// Same tokens, field for field, including kuromoji's quirks: a grouped unknown word's length counts UTF-16 units
// (a surrogate pair counts 2, as kuromoji's string concatenation does) while an ungrouped one counts 1; the Viterbi
// forward pass keeps the best previous node of the node before when a node finds none cheaper than Number.MAX_VALUE
// (kuromoji's `var shortest_prev_node` is function-scoped); a node with no node ending before it is left unlinked;
// a word's position continues from the previous token's position (not its end) across 、/。 chunks. Text kuromoji
// cannot encode (an unpaired high surrogate: its UTF-8 encoder returns null and kuromoji throws) goes to kuromoji
// itself. test/tokenize/fast-kuromoji.test.ts compares the two on the sample data and on edge cases.
import { Buffer } from 'node:buffer';
import type { IpadicFeatures } from 'kuromoji';
import { indexParsedTargetMap, type TargetIndex } from './shared-dictionary.js';

/** What this module reads of kuromoji's loaded tokenizer (kuromoji 0.1.2 internals; see node_modules/kuromoji/src). */
interface KuromojiInternals {
  tokenize(text: string): IpadicFeatures[];
  token_info_dictionary: DictionaryInternals;
  unknown_dictionary: DictionaryInternals & { lookup(ch: string): CharacterClass };
  viterbi_builder: { trie: { bc: { getBaseBuffer(): ArrayLike<number>; getCheckBuffer(): ArrayLike<number> } } };
  viterbi_searcher: { connection_costs: { buffer: Int16Array; backward_dimension: number } };
}

interface DictionaryInternals {
  target_map: Record<number, number[] | undefined>;
  dictionary: { buffer: Uint8Array; getShort(index: number): number };
  pos_buffer: { buffer: Uint8Array };
  getFeatures(id: number): string;
}

interface CharacterClass {
  class_id: number;
  class_name: string;
  is_always_invoke: number;
  is_grouping: number;
}

export interface FastKuromoji {
  tokenize(text: string): IpadicFeatures[];
}

const UNPAIRED_HIGH_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])/;
const BOS = -1;
const EOS = -2;
const KNOWN = 0;
const UNKNOWN = 1;
/** Decoded feature lines kept per tokenizer before the cache starts over. */
const FEATURE_CACHE_LIMIT = 50_000;
/** Lattice rows and sentence length (UTF-16 units) above which the buffers are dropped after use. */
const LARGE_LATTICE = 1 << 16;
const LARGE_SENTENCE = 1 << 13;

/** Growable typed-array columns for one sentence's lattice; reused from sentence to sentence. */
class Lattice {
  size = 0;
  capacity = 0;
  name = new Int32Array(0);
  type = new Int8Array(0);
  cost = new Int32Array(0);
  left = new Int32Array(0);
  right = new Int32Array(0);
  start = new Int32Array(0);
  /** Next node ending at the same position, in append order (-1: last). */
  next = new Int32Array(0);
  prev = new Int32Array(0);
  shortest = new Float64Array(0);
  surface: string[] = [];

  reset(): void {
    this.size = 0;
    this.surface.length = 0;
  }

  add(name: number, type: number, cost: number, left: number, right: number, start: number, surface: string): number {
    if (this.size === this.capacity) this.grow();
    const n = this.size++;
    this.name[n] = name;
    this.type[n] = type;
    this.cost[n] = cost;
    this.left[n] = left;
    this.right[n] = right;
    this.start[n] = start;
    this.next[n] = -1;
    this.prev[n] = -1;
    this.shortest[n] = type === BOS ? 0 : Number.MAX_VALUE;
    this.surface[n] = surface;
    return n;
  }

  private grow(): void {
    const capacity = Math.max(256, this.capacity * 2);
    const int32 = (a: Int32Array): Int32Array<ArrayBuffer> => {
      const b = new Int32Array(capacity);
      b.set(a);
      return b;
    };
    this.name = int32(this.name);
    this.cost = int32(this.cost);
    this.left = int32(this.left);
    this.right = int32(this.right);
    this.start = int32(this.start);
    this.next = int32(this.next);
    this.prev = int32(this.prev);
    const type = new Int8Array(capacity);
    type.set(this.type);
    this.type = type;
    const shortest = new Float64Array(capacity);
    shortest.set(this.shortest);
    this.shortest = shortest;
    this.capacity = capacity;
  }
}

/** kuromoji's Tokenizer.splitByPunctuation: chunks ending with 、 or 。 (the last one may not). */
function splitByPunctuation(input: string): string[] {
  const chunks: string[] = [];
  let from = 0;
  for (let i = 0; i < input.length; i++) {
    const c = input.charCodeAt(i);
    if (c === 0x3001 || c === 0x3002) {
      chunks.push(input.slice(from, i + 1));
      from = i + 1;
    }
  }
  if (from < input.length) chunks.push(input.slice(from));
  return chunks;
}

/** A tokenizer giving exactly what `kuromoji.tokenize(text)` gives, over the dictionaries `kuromoji` loaded. */
export function fastKuromoji(tokenizer: unknown, targetIndex?: TargetIndex): FastKuromoji {
  const k = tokenizer as KuromojiInternals;
  const known = k.token_info_dictionary;
  const unknown = k.unknown_dictionary;
  const base = k.viterbi_builder.trie.bc.getBaseBuffer();
  const check = k.viterbi_builder.trie.bc.getCheckBuffer();
  const costs = k.viterbi_searcher.connection_costs.buffer;
  const backwardDimension = k.viterbi_searcher.connection_costs.backward_dimension;

  // The trie's BASE and CHECK with doublearray's out-of-range answers (getBase: 1 - i, getCheck: -i - 1).
  const baseAt = (i: number): number => (i < base.length ? base[i]! : 1 - i);
  const checkAt = (i: number): number => (i < check.length ? check[i]! : -i - 1);
  const traverse = (parent: number, code: number): number => {
    const child = baseAt(parent) + code;
    return checkAt(child) === parent ? child : -1;
  };

  // Known words: the trie id's token info ids from the tid_map index (shared between threads when the dictionary
  // is: shared-dictionary.ts), then each entry's left id, right id and cost, three little-endian shorts at its id
  // (a byte offset, always even: entries are 10 bytes) in tid.dat, and its features, a NUL-terminated UTF-8 line at
  // the offset held in its bytes 6–9, in tid_pos.dat. Costs are read straight from the bytes for every lattice node
  // (no per-entry cache to warm up or to bound); features are decoded once per word met (below).
  const { offsets: targetOffsets, ids: targetIds } = targetIndex ?? indexParsedTargetMap(known.target_map);
  const knownBytes = known.dictionary.buffer;
  const knownShorts = littleEndianShorts(knownBytes);
  const knownPos = bytesAsBuffer(known.pos_buffer.buffer);
  // Decoding a line costs ≈ 1 µs, as much as the rest of a token's work: the lines of the words met are kept, up to
  // FEATURE_CACHE_LIMIT of them (then the cache starts over: memory must not grow with the input).
  let knownFeaturesById = new Map<number, string[]>();
  const knownFeatures = (id: number): string[] => {
    let f = knownFeaturesById.get(id);
    if (f === undefined) {
      const posId = (knownBytes[id + 9]! << 24) + (knownBytes[id + 8]! << 16) + (knownBytes[id + 7]! << 8) + knownBytes[id + 6]!;
      let end = knownPos.indexOf(0, posId);
      if (end === -1) end = knownPos.length;
      f = knownPos.toString('utf8', posId, end).split(',');
      if (knownFeaturesById.size >= FEATURE_CACHE_LIMIT) knownFeaturesById = new Map();
      knownFeaturesById.set(id, f);
    }
    return f;
  };

  // Unknown words: a handful of character classes with a few entries each, kept per tokenizer.
  const unknownEntriesByClass = new Map<number, Int32Array>();
  const unknownEntries = (classId: number): Int32Array => {
    let e = unknownEntriesByClass.get(classId);
    if (e === undefined) {
      const ids = unknown.target_map[classId];
      if (ids === undefined) throw new FallBack();
      e = new Int32Array(ids.length * 4);
      for (let i = 0; i < ids.length; i++) {
        const id = parseInt(String(ids[i]));
        e[i * 4] = id;
        e[i * 4 + 1] = unknown.dictionary.getShort(id);
        e[i * 4 + 2] = unknown.dictionary.getShort(id + 2);
        e[i * 4 + 3] = unknown.dictionary.getShort(id + 4);
      }
      unknownEntriesByClass.set(classId, e);
    }
    return e;
  };
  const unknownFeaturesById = new Map<number, string[]>();
  const unknownFeatures = (id: number): string[] => {
    let f = unknownFeaturesById.get(id);
    if (f === undefined) {
      const line = unknown.getFeatures(id);
      f = line == null ? [] : line.split(',');
      unknownFeaturesById.set(id, f);
    }
    return f;
  };

  // Character classes depend only on a character's first UTF-16 unit (CharacterDefinition.lookup).
  const classByUnit: (CharacterClass | undefined)[] = new Array(0x10000);
  /** The class of the character at UTF-16 index `from` (up to `to`) of `text`. */
  const classAt = (text: string, from: number, to: number): CharacterClass => {
    const unit = text.charCodeAt(from);
    let c = classByUnit[unit];
    if (c === undefined) {
      c = unknown.lookup(text.slice(from, to));
      classByUnit[unit] = c;
    }
    return c;
  };

  let lattice = new Lattice();
  let endHead = new Int32Array(0);
  let endTail = new Int32Array(0);
  let bytes = new Uint8Array(0);
  let byteStart = new Int32Array(0); // per code point: its first byte
  let unitStart = new Int32Array(0); // per code point: its first UTF-16 unit (index_mapping)
  let unitAtByte = new Int32Array(0); // per byte offset that starts a character (or the end): its UTF-16 index

  const ensure = (units: number): void => {
    if (byteStart.length > units) return;
    const n = Math.max(units + 1, byteStart.length * 2, 64);
    bytes = new Uint8Array(n * 4);
    byteStart = new Int32Array(n + 1);
    unitStart = new Int32Array(n + 1);
    unitAtByte = new Int32Array(n * 4 + 1);
    endHead = new Int32Array(n * 2 + 4);
    endTail = new Int32Array(n * 2 + 4);
  };

  const append = (node: number, lastPos: number): void => {
    const tail = endTail[lastPos]!;
    if (tail < 0) endHead[lastPos] = node;
    else lattice.next[tail] = node;
    endTail[lastPos] = node;
  };

  /** One 、/。 chunk: kuromoji's tokenizeForSentence, appending to `tokens`. */
  const tokenizeChunk = (sentence: string, tokens: IpadicFeatures[]): void => {
    const units = sentence.length;
    ensure(units);
    // Code points (SurrogateAwareString's index mapping) and the UTF-8 encoding of the whole chunk.
    let points = 0;
    let b = 0;
    for (let i = 0; i < units; i++) {
      byteStart[points] = b;
      unitStart[points] = i;
      unitAtByte[b] = i;
      points++;
      let code = sentence.charCodeAt(i);
      if (code >= 0xd800 && code <= 0xdbff) {
        code = (code - 0xd800) * 0x400 + 0x10000 + (sentence.charCodeAt(i + 1) - 0xdc00);
        i++;
      }
      if (code < 0x80) bytes[b++] = code;
      else if (code < 0x800) {
        bytes[b++] = (code >>> 6) | 0xc0;
        bytes[b++] = (code & 0x3f) | 0x80;
      } else if (code < 0x10000) {
        bytes[b++] = (code >>> 12) | 0xe0;
        bytes[b++] = ((code >> 6) & 0x3f) | 0x80;
        bytes[b++] = (code & 0x3f) | 0x80;
      } else {
        bytes[b++] = (code >>> 18) | 0xf0;
        bytes[b++] = ((code >> 12) & 0x3f) | 0x80;
        bytes[b++] = ((code >> 6) & 0x3f) | 0x80;
        bytes[b++] = (code & 0x3f) | 0x80;
      }
    }
    const byteLength = b;
    byteStart[points] = byteLength;
    unitStart[points] = units;
    unitAtByte[byteLength] = units;

    lattice.reset();
    endHead.fill(-1, 0, units * 2 + 4);
    endTail.fill(-1, 0, units * 2 + 4);
    const bos = lattice.add(-1, BOS, 0, 0, 0, 0, '');
    append(bos, 0);
    let eosPos = 1;
    let maxEnd = 0; // highest index of nodes_end_at in use

    const addNode = (name: number, type: number, cost: number, left: number, right: number, startPos: number, length: number, surface: string): void => {
      const lastPos = startPos + length - 1;
      if (eosPos < lastPos) eosPos = lastPos;
      if (lastPos > maxEnd) maxEnd = lastPos;
      append(lattice.add(name, type, cost, left, right, startPos, surface), lastPos);
    };

    for (let pos = 0; pos < points; pos++) {
      // commonPrefixSearch over the suffix starting at this character.
      let found = 0;
      let parent = 0;
      const from = byteStart[pos]!;
      const fromUnit = unitStart[pos]!;
      for (let i = from; i < byteLength; i++) {
        const child = traverse(parent, bytes[i]!);
        if (child === -1) break;
        parent = child;
        const leaf = traverse(child, 0);
        if (leaf === -1) continue;
        const leafBase = baseAt(leaf);
        // A key ends where a character ends; otherwise (never in IPADIC) kuromoji's own decoding decides.
        if (leafBase > 0 || (i + 1 < byteLength && (bytes[i + 1]! & 0xc0) === 0x80)) throw new FallBack();
        const endUnit = unitAtByte[i + 1]!;
        // A known word's surface is its dictionary entry's: the node keeps none (no string per lattice node).
        const trieId = -leafBase - 1;
        // kuromoji fails on a trie id without entries (never in a built dictionary); let it.
        if (trieId + 1 >= targetOffsets.length || targetOffsets[trieId] === targetOffsets[trieId + 1]) throw new FallBack();
        for (let e = targetOffsets[trieId]!, last = targetOffsets[trieId + 1]!; e < last; e++) {
          const id = targetIds[e]!;
          const s = id >> 1;
          if (s + 2 >= knownShorts.length) throw new FallBack();
          addNode(id, KNOWN, knownShorts[s + 2]!, knownShorts[s]!, knownShorts[s + 1]!, pos + 1, endUnit - fromUnit, '');
        }
        found++;
      }

      // Unknown word processing.
      const headEnd = pos + 1 < points ? unitStart[pos + 1]! : units;
      const headClass = classAt(sentence, fromUnit, headEnd);
      if (found === 0 || headClass.is_always_invoke === 1) {
        let end = headEnd;
        if (headClass.is_grouping === 1 && pos + 1 < points) {
          for (let q = pos + 1; q < points; q++) {
            const qEnd = q + 1 < points ? unitStart[q + 1]! : units;
            if (classAt(sentence, unitStart[q]!, qEnd).class_name !== headClass.class_name) break;
            end = qEnd;
          }
        }
        const key = sentence.slice(fromUnit, end);
        const length = end > headEnd ? key.length : 1;
        const entries = unknownEntries(headClass.class_id);
        for (let e = 0; e < entries.length; e += 4) {
          addNode(entries[e]!, UNKNOWN, entries[e + 3]!, entries[e + 1]!, entries[e + 2]!, pos + 1, length, key);
        }
      }
    }
    // appendEos: at index nodes_end_at.length, start eos_pos + 1.
    const eosIndex = maxEnd + 1;
    eosPos++;
    if (eosPos !== eosIndex) throw new FallBack();
    const eos = lattice.add(-1, EOS, 0, 0, 0, eosPos, '');
    append(eos, eosIndex);

    // Forward pass (ViterbiSearcher.forward), with its function-scoped best previous node.
    const { next, prev, shortest, cost: nodeCost, left, right, start } = lattice;
    let shortestPrev = -1;
    for (let i = 1; i <= eosPos; i++) {
      for (let node = endHead[i]!; node !== -1; node = next[node]!) {
        let best = Number.MAX_VALUE;
        const before = start[node]! - 1;
        let p = before >= 0 ? endHead[before]! : -1;
        if (p === -1) continue;
        const leftId = left[node]!;
        const own = nodeCost[node]!;
        for (; p !== -1; p = next[p]!) {
          const c = shortest[p]! + costs[right[p]! * backwardDimension + leftId + 2]! + own;
          if (c < best) {
            shortestPrev = p;
            best = c;
          }
        }
        prev[node] = shortestPrev;
        shortest[node] = best;
      }
    }

    // Backward pass.
    const path: number[] = [];
    let back = prev[eos]!;
    if (back === -1) return;
    while (lattice.type[back] !== BOS) {
      path.push(back);
      back = prev[back]!;
      if (back === -1) return;
    }
    // kuromoji reads the last token's position once per chunk, before its loop.
    const lastPos = tokens.length > 0 ? tokens[tokens.length - 1]!.word_position : 0;
    for (let j = path.length - 1; j >= 0; j--) {
      const node = path[j]!;
      const id = lattice.name[node]!;
      const position = lastPos + start[node]!;
      if (lattice.type[node] === KNOWN) {
        const f = knownFeatures(id);
        tokens.push({
          word_id: id,
          word_type: 'KNOWN',
          word_position: position,
          surface_form: f[0]!,
          pos: f[1]!,
          pos_detail_1: f[2]!,
          pos_detail_2: f[3]!,
          pos_detail_3: f[4]!,
          conjugated_type: f[5]!,
          conjugated_form: f[6]!,
          basic_form: f[7]!,
          reading: f[8],
          pronunciation: f[9],
        });
      } else {
        const f = unknownFeatures(id);
        tokens.push({
          word_id: id,
          word_type: 'UNKNOWN',
          word_position: position,
          surface_form: lattice.surface[node]!,
          pos: f[1]!,
          pos_detail_1: f[2]!,
          pos_detail_2: f[3]!,
          pos_detail_3: f[4]!,
          conjugated_type: f[5]!,
          conjugated_form: f[6]!,
          basic_form: f[7]!,
        });
      }
    }
    // One very long sentence must not keep its large arrays for the rest of the worker's life.
    if (lattice.capacity > LARGE_LATTICE) lattice = new Lattice();
    if (byteStart.length > LARGE_SENTENCE) byteStart = new Int32Array(0);
  };

  return {
    tokenize(text: string): IpadicFeatures[] {
      if (UNPAIRED_HIGH_SURROGATE.test(text)) return k.tokenize(text);
      const tokens: IpadicFeatures[] = [];
      try {
        for (const chunk of splitByPunctuation(text)) tokenizeChunk(chunk, tokens);
      } catch (err) {
        if (err instanceof FallBack) return k.tokenize(text);
        throw err;
      }
      return tokens;
    },
  };
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** kuromoji's ByteBuffer.getShort over every even offset: a view of the same bytes (a copy on big-endian hosts). */
function littleEndianShorts(bytes: Uint8Array): Int16Array {
  const length = bytes.byteLength >> 1;
  if (LITTLE_ENDIAN && bytes.byteOffset % 2 === 0) return new Int16Array(bytes.buffer, bytes.byteOffset, length);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Int16Array.from({ length }, (_, i) => view.getInt16(i * 2, true));
}

/** A Buffer over the same bytes (shared or not), for its native indexOf and UTF-8 decoding. */
function bytesAsBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** A dictionary shape this re-implementation does not expect: kuromoji itself tokenizes the text. */
class FallBack extends Error {}
