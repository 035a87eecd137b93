/**
 * Administrative divisions of 河源市 down to township level (统计用区划代码, NBS data as listed in
 * shared/reference/service-catalog.md §6). Village codes are not published in our sources, so
 * addresses stop at the town and the village goes into the detail text. Later the county can
 * send a full list; the address field only needs this shape.
 */
export interface Division {
  code: string;
  name: string;
  children?: Division[];
}

const towns = (county: string, list: string): Division[] =>
  list.split(' ').map((entry) => {
    const [suffix, name] = entry.split(':') as [string, string];
    return { code: `${county}${suffix}`, name };
  });

export const HEYUAN: Division[] = [
  {
    code: '441602',
    name: '源城区',
    children: towns(
      '441602',
      '001:上城街道 002:新江街道 003:东埔街道 004:源西街道 005:高埔岗街道 006:城东街道 100:源南镇 101:埔前镇',
    ),
  },
  {
    code: '441621',
    name: '紫金县',
    children: towns(
      '441621',
      '100:紫城镇 102:龙窝镇 103:九和镇 104:上义镇 105:蓝塘镇 106:凤安镇 107:义容镇 108:古竹镇 109:临江镇 110:柏埔镇 111:黄塘镇 112:敬梓镇 114:水墩镇 115:南岭镇 116:苏区镇 117:瓦溪镇 118:好义镇 119:中坝镇',
    ),
  },
  {
    code: '441622',
    name: '龙川县',
    children: towns(
      '441622',
      '100:老隆镇 102:义都镇 103:佗城镇 104:鹤市镇 105:黄布镇 106:紫市镇 107:通衢镇 109:登云镇 110:丰稔镇 111:四都镇 112:铁场镇 114:龙母镇 115:田心镇 116:黎咀镇 117:黄石镇 118:赤光镇 119:廻龙镇 120:新田镇 121:车田镇 123:岩镇镇 124:麻布岗镇 125:贝岭镇 126:细坳镇 127:上坪镇',
    ),
  },
  {
    code: '441623',
    name: '连平县',
    children: towns(
      '441623',
      '100:元善镇 101:上坪镇 102:内莞镇 104:陂头镇 105:溪山镇 107:隆街镇 108:田源镇 109:油溪镇 110:忠信镇 111:高莞镇 113:大湖镇 114:三角镇 115:绣缎镇',
    ),
  },
  {
    code: '441624',
    name: '和平县',
    children: towns(
      '441624',
      '100:阳明镇 101:大坝镇 102:长塘镇 103:下车镇 104:上陵镇 105:优胜镇 106:贝墩镇 107:古寨镇 108:彭寨镇 109:合水镇 110:公白镇 111:青州镇 112:浰源镇 113:热水镇 114:东水镇 115:礼士镇 116:林寨镇',
    ),
  },
  {
    code: '441625',
    name: '东源县',
    children: towns(
      '441625',
      '100:仙塘镇 101:灯塔镇 102:骆湖镇 103:船塘镇 104:顺天镇 105:上莞镇 106:曾田镇 107:柳城镇 108:义合镇 109:蓝口镇 110:黄田镇 111:叶潭镇 112:黄村镇 113:康禾镇 114:锡场镇 115:新港镇 116:双江镇 117:涧头镇 121:新回龙镇 122:半江镇 200:漳溪畲族乡',
    ),
  },
];

/** The 9-digit town code as the 12-digit form the protocol stores (town + 000). */
export const townDivision = (townCode: string) => `${townCode}000`;

export function divisionName(code: string): string {
  const county = HEYUAN.find((c) => code.startsWith(c.code));
  if (!county) return code;
  const town = county.children?.find((t) => code.startsWith(t.code));
  return town ? `${county.name}${town.name}` : county.name;
}

/**
 * Reads county and town out of a card address ("广东省河源市龙川县麻布岗镇小长沙村…") so the
 * villager does not have to pick them; what follows the town becomes the detail text.
 */
export function matchAddress(address: string): { division: string; detail: string } | null {
  for (const county of HEYUAN) {
    const at = address.indexOf(county.name);
    if (at < 0) continue;
    const afterCounty = address.slice(at + county.name.length);
    for (const town of county.children ?? []) {
      // 漳溪畲族乡 is also written 漳溪乡.
      const names = town.name === '漳溪畲族乡' ? ['漳溪畲族乡', '漳溪乡'] : [town.name];
      for (const name of names) {
        if (afterCounty.startsWith(name)) {
          return { division: townDivision(town.code), detail: afterCounty.slice(name.length) };
        }
      }
    }
    return { division: county.code, detail: afterCounty };
  }
  return null;
}
