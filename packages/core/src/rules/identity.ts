import { createIssue, KepuError } from '../errors.js';

/**
 * The one form of a person's id that the engine compares: Unicode NFKC (full-width letters and
 * compatibility forms become their plain letters), invisible format characters removed (zero-width
 * spaces and joiners, word joiners, byte-order marks, bidirectional marks), surrounding white space
 * trimmed, and case folded. Two ids that a reader cannot tell apart on screen — `chen.jing`,
 * `CHEN.JING`, `ｃｈｅｎ.ｊｉｎｇ`, `chen\u200b.jing` — are one person.
 *
 * Applied where actors enter the engine ({@link ActorSchema}) and wherever stored ids are compared
 * with them, so records written before normalisation still match. Pure; anything but a string is
 * refused with a `KepuError` (`invalid-shape`).
 *
 * @example
 * ```ts
 * import { normalizeActorId } from '@kepu/core';
 * normalizeActorId(' CHEN\u200b.Jing '); // 'chen.jing'
 * normalizeActorId('ｗａｎｇ．ｌｉ'); // 'wang.li'
 * ```
 */
export function normalizeActorId(raw: string): string {
  if (typeof raw !== 'string') {
    throw new KepuError([
      createIssue('invalid-shape', [], {
        detail: `an actor id is a string, not ${raw === null ? 'null' : typeof raw}`,
      }),
    ]);
  }
  return raw
    .normalize('NFKC')
    .replace(/\p{Cf}/gu, '')
    .trim()
    .toLowerCase()
    .normalize('NFKC');
}

/**
 * Whether two actor ids name the same person once both are normalised
 * ({@link normalizeActorId}). Pure.
 *
 * @example
 * ```ts
 * import { sameActorId } from '@kepu/core';
 * sameActorId('chen.jing', 'CHEN.JING'); // true
 * sameActorId('chen.jing', 'chen.jin'); // false
 * ```
 */
export function sameActorId(a: string, b: string): boolean {
  return normalizeActorId(a) === normalizeActorId(b);
}
