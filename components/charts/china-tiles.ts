// Approximate geographic tile positions (row, column on a 9 × 8 grid) of China's 31 mainland
// provincial-level divisions, for a tile-grid map where every province has the same weight.
export interface ProvinceTile {
  code: string;
  row: number;
  col: number;
  zh: string;
  en: string;
}

export const PROVINCE_TILES: readonly ProvinceTile[] = [
  { code: "23", row: 0, col: 8, zh: "黑龙江", en: "Heilongjiang" },
  { code: "65", row: 1, col: 1, zh: "新疆", en: "Xinjiang" },
  { code: "15", row: 1, col: 5, zh: "内蒙古", en: "Inner Mongolia" },
  { code: "22", row: 1, col: 8, zh: "吉林", en: "Jilin" },
  { code: "62", row: 2, col: 3, zh: "甘肃", en: "Gansu" },
  { code: "64", row: 2, col: 4, zh: "宁夏", en: "Ningxia" },
  { code: "14", row: 2, col: 5, zh: "山西", en: "Shanxi" },
  { code: "11", row: 2, col: 6, zh: "北京", en: "Beijing" },
  { code: "12", row: 2, col: 7, zh: "天津", en: "Tianjin" },
  { code: "21", row: 2, col: 8, zh: "辽宁", en: "Liaoning" },
  { code: "54", row: 3, col: 1, zh: "西藏", en: "Tibet" },
  { code: "63", row: 3, col: 2, zh: "青海", en: "Qinghai" },
  { code: "61", row: 3, col: 4, zh: "陕西", en: "Shaanxi" },
  { code: "41", row: 3, col: 5, zh: "河南", en: "Henan" },
  { code: "13", row: 3, col: 6, zh: "河北", en: "Hebei" },
  { code: "37", row: 3, col: 7, zh: "山东", en: "Shandong" },
  { code: "51", row: 4, col: 3, zh: "四川", en: "Sichuan" },
  { code: "50", row: 4, col: 4, zh: "重庆", en: "Chongqing" },
  { code: "42", row: 4, col: 5, zh: "湖北", en: "Hubei" },
  { code: "34", row: 4, col: 6, zh: "安徽", en: "Anhui" },
  { code: "32", row: 4, col: 7, zh: "江苏", en: "Jiangsu" },
  { code: "31", row: 4, col: 8, zh: "上海", en: "Shanghai" },
  { code: "53", row: 5, col: 3, zh: "云南", en: "Yunnan" },
  { code: "52", row: 5, col: 4, zh: "贵州", en: "Guizhou" },
  { code: "43", row: 5, col: 5, zh: "湖南", en: "Hunan" },
  { code: "36", row: 5, col: 6, zh: "江西", en: "Jiangxi" },
  { code: "33", row: 5, col: 7, zh: "浙江", en: "Zhejiang" },
  { code: "45", row: 6, col: 4, zh: "广西", en: "Guangxi" },
  { code: "44", row: 6, col: 5, zh: "广东", en: "Guangdong" },
  { code: "35", row: 6, col: 6, zh: "福建", en: "Fujian" },
  { code: "46", row: 7, col: 5, zh: "海南", en: "Hainan" },
];

export const TILE_ROWS = 8;
export const TILE_COLS = 9;
