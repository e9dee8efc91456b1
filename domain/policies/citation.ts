import type { PolicyPack } from './types';

/**
 * A basis as a person reads it: "Shandong 第十三条" → "《山东省政务信息系统项目管理办法》第十三条".
 * The stored basis keeps the pack's English short name (it is an API field and an audit value); every
 * text a person reads goes through here, so the regulation is named by its own Chinese title.
 * A basis of no known pack, or one without an article, comes back unchanged (never a wrong title).
 */
export function chineseCitation(basis: string, packs: readonly PolicyPack[]): string {
  const space = basis.indexOf(' ');
  const shortName = space < 0 ? basis : basis.slice(0, space);
  const pack = packs.find((p) => p.shortName === shortName);
  if (!pack) return basis;
  // The articles are written with ASCII brackets in the packs ("第八条(四)"); Chinese text uses full-width ones.
  const article = (space < 0 ? '' : basis.slice(space + 1).trim()).replace(/\(/g, '（').replace(/\)/g, '）');
  return `《${pack.name}》${article}`;
}
