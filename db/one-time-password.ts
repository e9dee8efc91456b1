import { randomInt } from 'node:crypto';
import { passwordProblem } from './password-rules';

// No 0/O, 1/l/I: the password is read off a screen and typed in by someone else.
const LOWER = 'abcdefghijkmnpqrstuvwxyz';
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '23456789';
const SYMBOLS = '-_.!@#%+=';
const ALL = LOWER + UPPER + DIGITS + SYMBOLS;
const LENGTH = 16;

const pick = (alphabet: string) => alphabet[randomInt(alphabet.length)] as string;

/**
 * A random password that meets the same rules as one a person chooses (all four classes, 16
 * characters): it is shown once, and the account must replace it at its first sign-in.
 */
export function oneTimePassword(username: string): string {
  for (;;) {
    const chars = [pick(LOWER), pick(UPPER), pick(DIGITS), pick(SYMBOLS)];
    while (chars.length < LENGTH) chars.push(pick(ALL));
    for (let i = chars.length - 1; i > 0; i--) {
      const j = randomInt(i + 1);
      [chars[i], chars[j]] = [chars[j] as string, chars[i] as string];
    }
    const password = chars.join('');
    // A username of a few letters could, rarely, turn up inside it.
    if (passwordProblem(password, username) === null) return password;
  }
}
