import { chineseCitation } from './citation';
import { citationOf, POLICIES } from './index';

describe('a basis as a person reads it', () => {
  it('names the regulation by its Chinese title, then the article', () => {
    expect(citationOf('Shandong 第十三条')).toBe('《山东省政务信息系统项目管理办法》第十三条');
    expect(citationOf('Jilin 第二十五条')).toBe('《吉林省政务信息系统项目管理办法（试行）》第二十五条');
    expect(citationOf('Jinhu 第七条')).toBe('《金湖县政务信息化项目建设管理办法（征求意见稿）》第七条');
  });

  it('writes an item of an article with full-width brackets', () => {
    expect(citationOf('Yunfu 第八条(四)')).toBe('《云浮市市级政务信息化服务项目管理办法》第八条（四）');
  });

  it('every basis every pack cites comes out in Chinese, with no English short name left', () => {
    for (const pack of POLICIES) {
      const bases = [
        ...pack.obligations.map((r) => r.basis),
        ...pack.requirements.map((r) => r.basis),
        pack.change.basis,
        ...pack.pauseBasis,
      ];
      for (const basis of bases) {
        const text = citationOf(basis);
        expect(text).toMatch(/^《[^》]+》第[一二三四五六七八九十百]+条(（[一二三四五六七八九十]+）)?$/);
        expect(text).not.toContain(pack.shortName);
      }
    }
  });

  it('leaves a basis of no known regulation as it is, and names a bare regulation by its title', () => {
    expect(citationOf('Testville 第一条')).toBe('Testville 第一条');
    expect(citationOf('')).toBe('');
    expect(chineseCitation('Wuhan', POLICIES)).toBe('《武汉市政务信息化项目建设管理办法》');
  });
});
