/**
 * Password rules in the spirit of 等级保护 2.0 (GB/T 22239 身份鉴别): long enough, several character
 * classes, not the account's own name. One place, for the API and the administration command alike.
 */
export const MIN_PASSWORD_LENGTH = 12;
const CLASSES = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/];

/**
 * What is wrong with `password` for `username`, naming the field (in Chinese unless `lang` is `en`),
 * or null when it is fine.
 */
export function passwordProblem(
  password: string,
  username: string,
  field = 'newPassword',
  lang: 'zh' | 'en' = 'zh',
): string | null {
  const say = (zh: string, en: string) => (lang === 'en' ? en : zh);
  if (password.length < MIN_PASSWORD_LENGTH)
    return say(
      `「${field}」至少需要 ${MIN_PASSWORD_LENGTH} 个字符`,
      `${field} needs at least ${MIN_PASSWORD_LENGTH} characters`,
    );
  if (password.length > 200)
    return say(`「${field}」不能超过 200 个字符`, `${field} may not be longer than 200 characters`);
  if (CLASSES.filter((c) => c.test(password)).length < 3)
    return say(
      `「${field}」须包含小写字母、大写字母、数字、符号中的至少三类`,
      `${field} needs at least three of: lower-case letters, upper-case letters, digits, symbols`,
    );
  if (username && password.toLowerCase().includes(username.toLowerCase()))
    return say(`「${field}」不能包含用户名`, `${field} may not contain the username`);
  return null;
}
