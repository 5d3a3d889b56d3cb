import { shortHash } from '../hash.js';

/** Population groups as the plans name them, with the ids the Zhengning plan uses. */
const AUDIENCES: Record<string, string> = {
  青少年: 'youth',
  农民: 'farmers',
  产业工人: 'industrial-workers',
  老年人: 'elderly',
  领导干部和公务员: 'cadres',
  领导干部: 'cadres',
  公务员: 'civil-servants',
  城镇劳动者: 'urban-workers',
  社区居民: 'community-residents',
  农村居民: 'rural-residents',
  妇女: 'women',
  农牧民: 'farmers-herders',
  少数民族群众: 'ethnic-minorities',
};
const AUDIENCE_TITLE = /^(?:实施|开展|推进|推动)?(.{1,16}?)(?:科学素质|科学素养)(?:提升|提高)?(?:行动|工程)$/;

/** The audience an improvement action's title names (实施青少年科学素质提升行动 → youth), if any. */
export function audienceOf(title: string): { id: string; name: string } | undefined {
  const a = AUDIENCE_TITLE.exec(title.normalize('NFKC'));
  if (!a) return undefined;
  const name = a[1] as string;
  return { id: AUDIENCES[name] ?? `audience-${shortHash(name)}`, name };
}
