// The mines: where they are, who owns them, what they are, and their production-status history.
import type {
  CombustionClass,
  GasGrade,
  HydroType,
  MineType,
  ProductionStatus,
} from "../../lib/generated/prisma/enums";
import { addMonths, dayOf, yearOf, yearStart } from "./days";
import { hashRand, Rng } from "./prng";
import { prefectureOf } from "@/lib/domain/region-code";
import { COAL_PREFECTURES, placeStem, type Geography } from "./regions";

export type Status = ProductionStatus;

export interface Period {
  status: Status;
  start: number;
  /** Exclusive; null while open. */
  end: number | null;
}

export interface MineSim {
  id: number;
  code: string;
  name: string;
  nameEn: string | null;
  provinceCode: string;
  prefectureCode: string;
  countyCode: string;
  enterpriseId: number | null;
  type: MineType;
  capacity: number;
  gasGrade: GasGrade;
  hydroType: HydroType;
  rockBurst: boolean;
  combustionClass: CombustionClass;
  periods: Period[];
  /** Latent management quality in [0, 1]: drives the levels it is assessed at. */
  tier: number;
  special: "manager" | "guizhou" | null;
}

/** Grading history starts with the 2017 trial measures. */
export const T0 = dayOf(2017, 1, 1);

interface ProvinceProfile {
  /** Mines at the end of 2020 at scale 1 (domain.md proportions). */
  n2020: number;
  /** Share of the mines that stay open that is normally producing (the rest: construction, stopped). */
  fProd: number;
  fCons: number;
  groups: [string, string][];
  groupShare: number;
  openPit: number;
  capacity: "small" | "shanxi" | "west" | "mixed";
  gas: [number, number, number];
  hydroHard: boolean;
  rockBurst: number;
  combustionEasy: boolean;
}

const G = {
  jinneng: ["晋能控股集团", "Jinneng Holding Group"],
  jiaomei: ["山西焦煤集团", "Shanxi Coking Coal Group"],
  luan: ["潞安化工集团", "Lu'an Chemical Group"],
  huayang: ["华阳新材料科技集团", "Huayang New Material Technology Group"],
  chn: ["国家能源集团", "China Energy Investment Corporation"],
  zhongmei: ["中煤集团", "China National Coal Group"],
  shaanmei: ["陕煤集团", "Shaanxi Coal and Chemical Industry Group"],
  shandong: ["山东能源集团", "Shandong Energy Group"],
  yitai: ["伊泰集团", "Yitai Group"],
  nmEnergy: ["内蒙古能源集团", "Inner Mongolia Energy Group"],
  huaneng: ["华能集团", "China Huaneng Group"],
  spic: ["国家电投集团", "State Power Investment Corporation"],
  xjEnergy: ["新疆能源集团", "Xinjiang Energy Group"],
  panjiang: ["盘江煤电集团", "Panjiang Coal and Electricity Group"],
  gzEnergy: ["贵州能源集团", "Guizhou Energy Group"],
  huaihe: ["淮河能源控股集团", "Huaihe Energy Holding Group"],
  huaibei: ["淮北矿业集团", "Huaibei Mining Group"],
  wanbei: ["皖北煤电集团", "Wanbei Coal and Electricity Group"],
  henan: ["河南能源集团", "Henan Energy Group"],
  pingmei: ["平煤神马集团", "Pingmei Shenma Group"],
  zhengmei: ["郑州煤炭工业集团", "Zhengzhou Coal Industry Group"],
  ningmei: ["宁夏煤业公司", "Ningxia Coal Industry Company"],
  ynEnergy: ["云南能投集团", "Yunnan Energy Investment Group"],
  longmay: ["龙煤集团", "Longmay Mining Group"],
  gansu: ["甘肃能化集团", "Gansu Energy and Chemical Group"],
  hunan: ["湖南煤业集团", "Hunan Coal Industry Group"],
  jilin: ["吉林省煤业集团", "Jilin Coal Industry Group"],
  xuzhou: ["徐州矿务集团", "Xuzhou Mining Group"],
  qinghai: ["青海能源集团", "Qinghai Energy Group"],
  fujian: ["福建能源集团", "Fujian Energy Group"],
  guangxi: ["广西投资集团", "Guangxi Investment Group"],
  jiangxi: ["江西能源集团", "Jiangxi Energy Group"],
  hubei: ["湖北能源集团", "Hubei Energy Group"],
  kailuan: ["开滦集团", "Kailuan Group"],
  jizhong: ["冀中能源集团", "Jizhong Energy Group"],
  tiefa: ["铁法能源公司", "Tiefa Energy Company"],
  fushun: ["抚顺矿业集团", "Fushun Mining Group"],
  chuanmei: ["川煤集团", "Sichuan Coal Industry Group"],
  cqEnergy: ["重庆能源集团", "Chongqing Energy Group"],
} satisfies Record<string, [string, string]>;

type GroupRef = [string, string];
const g = (...keys: (keyof typeof G)[]): GroupRef[] => keys.map((k) => G[k] as GroupRef);

const NORMAL_GAS: [number, number, number] = [0.9, 0.08, 0.02];

export const PROVINCES: Record<string, ProvinceProfile> = {
  "14": {
    n2020: 890,
    fProd: 0.72,
    fCons: 0.12,
    groups: g("jinneng", "jiaomei", "luan", "huayang", "zhongmei", "chn"),
    groupShare: 0.8,
    openPit: 0.03,
    capacity: "shanxi",
    gas: [0.6, 0.3, 0.1],
    hydroHard: false,
    rockBurst: 0.02,
    combustionEasy: false,
  },
  "15": {
    n2020: 360,
    fProd: 0.72,
    fCons: 0.1,
    groups: g("chn", "yitai", "nmEnergy", "zhongmei", "huaneng", "spic"),
    groupShare: 0.6,
    openPit: 0.33,
    capacity: "west",
    gas: NORMAL_GAS,
    hydroHard: false,
    rockBurst: 0.06,
    combustionEasy: true,
  },
  "61": {
    n2020: 420,
    fProd: 0.66,
    fCons: 0.12,
    groups: g("shaanmei", "chn", "huaneng", "zhongmei"),
    groupShare: 0.6,
    openPit: 0.03,
    capacity: "west",
    gas: [0.8, 0.15, 0.05],
    hydroHard: false,
    rockBurst: 0.08,
    combustionEasy: true,
  },
  "65": {
    n2020: 215,
    fProd: 0.62,
    fCons: 0.15,
    groups: g("xjEnergy", "chn", "zhongmei", "spic"),
    groupShare: 0.5,
    openPit: 0.22,
    capacity: "west",
    gas: NORMAL_GAS,
    hydroHard: false,
    rockBurst: 0.05,
    combustionEasy: true,
  },
  "52": {
    n2020: 900,
    fProd: 0.3,
    fCons: 0.4,
    groups: g("panjiang", "gzEnergy", "spic"),
    groupShare: 0.25,
    openPit: 0.005,
    capacity: "small",
    gas: [0.35, 0.3, 0.35],
    hydroHard: false,
    rockBurst: 0.0,
    combustionEasy: false,
  },
  "34": {
    n2020: 45,
    fProd: 0.85,
    fCons: 0.05,
    groups: g("huaihe", "huaibei", "wanbei", "zhongmei"),
    groupShare: 0.95,
    openPit: 0,
    capacity: "mixed",
    gas: [0.4, 0.3, 0.3],
    hydroHard: true,
    rockBurst: 0.03,
    combustionEasy: false,
  },
  "41": {
    n2020: 220,
    fProd: 0.6,
    fCons: 0.1,
    groups: g("henan", "pingmei", "zhengmei"),
    groupShare: 0.55,
    openPit: 0.005,
    capacity: "mixed",
    gas: [0.5, 0.25, 0.25],
    hydroHard: true,
    rockBurst: 0.08,
    combustionEasy: false,
  },
  "64": {
    n2020: 60,
    fProd: 0.7,
    fCons: 0.1,
    groups: g("ningmei", "chn"),
    groupShare: 0.6,
    openPit: 0.08,
    capacity: "west",
    gas: NORMAL_GAS,
    hydroHard: false,
    rockBurst: 0.04,
    combustionEasy: true,
  },
  "37": {
    n2020: 100,
    fProd: 0.85,
    fCons: 0.03,
    groups: g("shandong"),
    groupShare: 0.85,
    openPit: 0,
    capacity: "mixed",
    gas: NORMAL_GAS,
    hydroHard: true,
    rockBurst: 0.2,
    combustionEasy: false,
  },
  "53": {
    n2020: 330,
    fProd: 0.35,
    fCons: 0.3,
    groups: g("ynEnergy"),
    groupShare: 0.2,
    openPit: 0.01,
    capacity: "small",
    gas: [0.5, 0.3, 0.2],
    hydroHard: false,
    rockBurst: 0,
    combustionEasy: false,
  },
  "23": {
    n2020: 250,
    fProd: 0.5,
    fCons: 0.15,
    groups: g("longmay"),
    groupShare: 0.35,
    openPit: 0.01,
    capacity: "mixed",
    gas: [0.5, 0.4, 0.1],
    hydroHard: false,
    rockBurst: 0.1,
    combustionEasy: false,
  },
  "62": {
    n2020: 110,
    fProd: 0.55,
    fCons: 0.15,
    groups: g("gansu", "huaneng"),
    groupShare: 0.4,
    openPit: 0.03,
    capacity: "mixed",
    gas: [0.8, 0.15, 0.05],
    hydroHard: false,
    rockBurst: 0.06,
    combustionEasy: true,
  },
  "43": {
    n2020: 160,
    fProd: 0.4,
    fCons: 0.15,
    groups: g("hunan"),
    groupShare: 0.2,
    openPit: 0,
    capacity: "small",
    gas: [0.5, 0.3, 0.2],
    hydroHard: false,
    rockBurst: 0,
    combustionEasy: false,
  },
  "22": {
    n2020: 60,
    fProd: 0.5,
    fCons: 0.1,
    groups: g("jilin"),
    groupShare: 0.4,
    openPit: 0.02,
    capacity: "small",
    gas: [0.7, 0.25, 0.05],
    hydroHard: false,
    rockBurst: 0.03,
    combustionEasy: false,
  },
  "32": {
    n2020: 10,
    fProd: 0.9,
    fCons: 0,
    groups: g("xuzhou"),
    groupShare: 0.9,
    openPit: 0,
    capacity: "mixed",
    gas: NORMAL_GAS,
    hydroHard: true,
    rockBurst: 0.1,
    combustionEasy: false,
  },
  "63": {
    n2020: 20,
    fProd: 0.5,
    fCons: 0.1,
    groups: g("qinghai"),
    groupShare: 0.4,
    openPit: 0.1,
    capacity: "mixed",
    gas: NORMAL_GAS,
    hydroHard: false,
    rockBurst: 0,
    combustionEasy: true,
  },
  "35": {
    n2020: 70,
    fProd: 0.5,
    fCons: 0.1,
    groups: g("fujian"),
    groupShare: 0.3,
    openPit: 0,
    capacity: "small",
    gas: [0.8, 0.15, 0.05],
    hydroHard: false,
    rockBurst: 0,
    combustionEasy: false,
  },
  "45": {
    n2020: 30,
    fProd: 0.4,
    fCons: 0.1,
    groups: g("guangxi"),
    groupShare: 0.3,
    openPit: 0.03,
    capacity: "small",
    gas: [0.8, 0.15, 0.05],
    hydroHard: false,
    rockBurst: 0,
    combustionEasy: false,
  },
  "36": {
    n2020: 80,
    fProd: 0.45,
    fCons: 0.1,
    groups: g("jiangxi"),
    groupShare: 0.3,
    openPit: 0,
    capacity: "small",
    gas: [0.6, 0.2, 0.2],
    hydroHard: false,
    rockBurst: 0,
    combustionEasy: false,
  },
  "42": {
    n2020: 30,
    fProd: 0.4,
    fCons: 0.1,
    groups: g("hubei"),
    groupShare: 0.1,
    openPit: 0,
    capacity: "small",
    gas: [0.6, 0.25, 0.15],
    hydroHard: false,
    rockBurst: 0,
    combustionEasy: false,
  },
  "13": {
    n2020: 50,
    fProd: 0.75,
    fCons: 0.05,
    groups: g("kailuan", "jizhong"),
    groupShare: 0.8,
    openPit: 0,
    capacity: "mixed",
    gas: [0.8, 0.15, 0.05],
    hydroHard: true,
    rockBurst: 0.05,
    combustionEasy: false,
  },
  "21": {
    n2020: 40,
    fProd: 0.6,
    fCons: 0.05,
    groups: g("tiefa", "fushun"),
    groupShare: 0.6,
    openPit: 0.05,
    capacity: "mixed",
    gas: [0.7, 0.25, 0.05],
    hydroHard: false,
    rockBurst: 0.1,
    combustionEasy: false,
  },
  "51": {
    n2020: 200,
    fProd: 0.4,
    fCons: 0.2,
    groups: g("chuanmei"),
    groupShare: 0.2,
    openPit: 0,
    capacity: "small",
    gas: [0.4, 0.3, 0.3],
    hydroHard: false,
    rockBurst: 0,
    combustionEasy: false,
  },
  "50": {
    n2020: 50,
    fProd: 0.5,
    fCons: 0.1,
    groups: g("cqEnergy"),
    groupShare: 0.3,
    openPit: 0,
    capacity: "small",
    gas: [0.3, 0.3, 0.4],
    hydroHard: false,
    rockBurst: 0,
    combustionEasy: false,
  },
};

export const COAL_PROVINCES = Object.keys(PROVINCES).sort();

/** Mines closed per year, as a share of the mines open on 2017-01-01 (≈5,900 → 5,300 end 2019 → 4,700 end 2020 → ≈4,300). */
const CLOSURE_SHARE: Record<number, number> = {
  2017: 0,
  2018: 300 / 5900,
  2019: 300 / 5900,
  2020: 600 / 5900,
  2021: 200 / 5900,
  2022: 120 / 5900,
  2023: 40 / 5900,
  2024: 20 / 5900,
  2025: 20 / 5900,
  2026: 15 / 5900,
};
const INITIAL_PER_2020 = 5900 / 4700;

const CAPACITY: Record<ProvinceProfile["capacity"], [number, number][]> = {
  small: [
    [9, 10],
    [15, 20],
    [21, 5],
    [30, 30],
    [45, 15],
    [60, 10],
    [90, 7],
    [120, 3],
  ],
  shanxi: [
    [60, 10],
    [90, 30],
    [120, 25],
    [150, 10],
    [180, 5],
    [240, 8],
    [300, 5],
    [400, 3],
    [500, 2],
    [1000, 1],
    [1500, 1],
  ],
  west: [
    [60, 10],
    [90, 15],
    [120, 15],
    [180, 10],
    [240, 10],
    [300, 10],
    [500, 10],
    [800, 8],
    [1000, 6],
    [1500, 4],
    [2000, 3],
    [3000, 2],
  ],
  mixed: [
    [30, 15],
    [45, 15],
    [60, 15],
    [90, 15],
    [120, 15],
    [180, 10],
    [240, 8],
    [400, 5],
    [600, 2],
  ],
};

const WORDS = [
  "鑫源",
  "兴旺",
  "宏达",
  "金鼎",
  "永安",
  "鸿盛",
  "东山",
  "西沟",
  "北岭",
  "南庄",
  "福兴",
  "瑞丰",
  "昌盛",
  "富民",
  "华丰",
  "新窑",
  "大井",
  "龙泉",
  "凤凰",
  "天池",
  "白洋",
  "黑龙",
  "青石",
  "红岩",
  "金山",
  "银河",
  "宝源",
  "安平",
  "长兴",
  "恒达",
  "泰和",
  "顺发",
  "兴隆",
  "聚源",
  "丰泽",
  "康达",
  "四明",
  "五星",
  "庄头",
  "沙坪",
  "石门",
  "马家沟",
  "王家岭",
  "李家庄",
  "张家湾",
  "刘家坪",
  "赵庄",
  "杨家河",
  "高家山",
  "梁家寨",
  "后沟",
  "前进",
  "胜利",
  "团结",
  "跃进",
  "光明",
  "红旗",
  "东风",
  "新华",
  "建新",
  "联营",
  "利民",
  "和平",
  "吉祥",
  "峰峦",
  "卧龙",
  "虎头",
  "狮子山",
  "明珠",
  "晨光",
  "佳瑞",
  "正通",
  "中兴",
  "天安",
  "广源",
  "荣达",
  "恒源",
  "裕丰",
  "旭升",
  "嘉禾",
  "兴盛",
  "永兴",
];

export interface EnterpriseRow {
  id: number;
  name: string;
  nameEn: string | null;
}

export interface MineWorld {
  mines: MineSim[];
  enterprises: EnterpriseRow[];
}

export const MANAGER_MINE = { county: "140226", name: "大同示范煤矿", nameEn: "Datong Demonstration Coal Mine" };
export const GUIZHOU_MINE = { county: "520281", name: "盘州兴黔煤矿", nameEn: "Panzhou Xingqian Coal Mine" };

function pickWeighted<T>(rng: Rng, items: [T, number][]): T {
  return rng.weighted(items);
}

/** Generates every mine with its attributes and status history up to `today`. */
export function generateMines(geo: Geography, scale: number, today: number): MineWorld {
  const enterprises: EnterpriseRow[] = [];
  const enterpriseByName = new Map<string, number>();
  const enterpriseId = (name: string, nameEn: string | null): number => {
    let id = enterpriseByName.get(name);
    if (id === undefined) {
      id = enterprises.length + 1;
      enterprises.push({ id, name, nameEn });
      enterpriseByName.set(name, id);
    }
    return id;
  };
  // The groups first, in a fixed order, so their ids are stable.
  for (const code of COAL_PROVINCES) for (const [zh, en] of PROVINCES[code].groups) enterpriseId(zh, en);

  const mines: MineSim[] = [];
  const usedNames = new Set<string>();
  const seqByCounty = new Map<string, number>();
  const nextCode = (county: string): string => {
    const n = (seqByCounty.get(county) ?? 0) + 1;
    seqByCounty.set(county, n);
    return `${county}${String(n).padStart(4, "0")}`;
  };

  const todayYear = yearOf(today);
  for (const pc of COAL_PROVINCES) {
    const prof = PROVINCES[pc];
    const rng = new Rng(`mines:${pc}`);
    const total = Math.round(prof.n2020 * INITIAL_PER_2020 * scale);
    // Which mines close, and when: the most closure-prone first (small, not producing).
    const closeYear: (number | null)[] = new Array<number | null>(total).fill(null);
    const propensity = Array.from({ length: total }, (_, i) => ({ i, p: rng.float() }));
    propensity.sort((a, b) => b.p - a.p || a.i - b.i);
    // Closures are planned through next year: those announced by today show as ANNOUNCED_CLOSURE.
    let k = 0;
    for (let y = 2018; y <= todayYear + 1; y++) {
      const share = CLOSURE_SHARE[y] ?? 15 / 5900;
      const n = Math.round(total * share);
      for (let j = 0; j < n && k < total; j++, k++) closeYear[propensity[k].i] = y;
    }
    const prefectures = COAL_PREFECTURES[pc].map(([code, w]) => [code, w] as [string, number]);

    for (let i = 0; i < total; i++) {
      let special: MineSim["special"] = null;
      let county: string;
      if (pc === "14" && i === 0) {
        special = "manager";
        county = MANAGER_MINE.county;
      } else if (pc === "52" && i === 0) {
        special = "guizhou";
        county = GUIZHOU_MINE.county;
      } else {
        const pref = pickWeighted(rng, prefectures);
        const counties = geo.countiesOf.get(pref) ?? [];
        if (counties.length === 0) throw new Error(`No counties in prefecture ${pref}`);
        // Coal is not spread evenly: each county gets a fixed weight.
        county = rng.weighted(counties.map((c) => [c, 0.2 + hashRand("county", c)] as [string, number]));
      }
      const prefecture = prefectureOf(county);
      const closes = special ? null : closeYear[i];
      const id = 0; // assigned after all provinces
      const openPit = special ? false : rng.chance(prof.openPit);
      let capacity = pickWeighted(rng, CAPACITY[prof.capacity]);
      if (openPit) capacity = Math.max(capacity, pickWeighted(rng, CAPACITY.west));
      if (closes !== null && capacity > 90 && rng.chance(0.7)) capacity = pickWeighted(rng, CAPACITY.small);
      if (special === "manager") capacity = 1000;
      if (special === "guizhou") capacity = 90;
      const isGroup =
        special === "manager" ||
        (special === null && rng.chance(closes !== null ? prof.groupShare * 0.4 : prof.groupShare));
      const group = special === "manager" ? G.jinneng : rng.pick(prof.groups);

      const stem = placeStem(geo.countyName.get(county) ?? "", geo.prefectureName.get(prefecture) ?? "");
      let name: string;
      if (special === "manager") name = MANAGER_MINE.name;
      else if (special === "guizhou") name = GUIZHOU_MINE.name;
      else {
        name = "";
        for (let t = 0; t < 8 && (!name || usedNames.has(name)); t++) name = `${stem}${rng.pick(WORDS)}煤矿`;
        for (let n = 2; usedNames.has(name); n++) name = name.replace(/(\d+号井)?煤矿$/, `${n}号井煤矿`);
      }
      usedNames.add(name);
      const ent = isGroup
        ? enterpriseId(group[0], group[1])
        : special === "guizhou"
          ? enterpriseId("盘州兴黔煤业有限公司", "Panzhou Xingqian Coal Co., Ltd.")
          : enterpriseId(name.replace(/煤矿$/, "煤业有限公司"), null);

      const gas = openPit
        ? "LOW"
        : pickWeighted(rng, [
            ["LOW", prof.gas[0]],
            ["HIGH", prof.gas[1]],
            ["OUTBURST", prof.gas[2]],
          ] as [MineSim["gasGrade"], number][]);
      const hydroType = pickWeighted(
        rng,
        (prof.hydroHard
          ? [
              ["SIMPLE", 0.1],
              ["MEDIUM", 0.45],
              ["COMPLEX", 0.35],
              ["EXTREMELY_COMPLEX", 0.1],
            ]
          : [
              ["SIMPLE", 0.35],
              ["MEDIUM", 0.45],
              ["COMPLEX", 0.17],
              ["EXTREMELY_COMPLEX", 0.03],
            ]) as [MineSim["hydroType"], number][],
      );
      const rockBurst = !openPit && capacity >= 60 && rng.chance(prof.rockBurst * 1.5);
      const combustionClass = pickWeighted(
        rng,
        (prof.combustionEasy
          ? [
              ["I", 0.45],
              ["II", 0.35],
              ["III", 0.2],
            ]
          : [
              ["I", 0.25],
              ["II", 0.4],
              ["III", 0.35],
            ]) as [MineSim["combustionClass"], number][],
      );
      let tier =
        rng.float() * 0.85 +
        (capacity >= 120 ? 0.12 : 0) +
        (capacity >= 500 ? 0.1 : 0) -
        (capacity <= 30 ? 0.1 : 0) +
        (isGroup ? 0.05 : 0);
      tier = Math.max(0, Math.min(1, tier));
      if (special === "manager") tier = 1;
      if (special === "guizhou") tier = 0.5;

      const mine: MineSim = {
        id,
        code: nextCode(county),
        name,
        nameEn: special === "manager" ? MANAGER_MINE.nameEn : special === "guizhou" ? GUIZHOU_MINE.nameEn : null,
        provinceCode: pc,
        prefectureCode: prefecture,
        countyCode: county,
        enterpriseId: ent,
        type: openPit ? "OPEN_PIT" : "UNDERGROUND",
        capacity,
        gasGrade: gas,
        hydroType,
        rockBurst,
        combustionClass,
        periods: [],
        tier,
        special,
      };
      mine.periods = statusHistory(rng, mine, prof, closes, today);
      mines.push(mine);
    }
  }
  mines.forEach((m, i) => (m.id = i + 1));
  return { mines, enterprises };
}

/**
 * Production-status history: a monthly Markov chain from 2017 (short rectification stops, long stops,
 * construction finishing) whose stationary producing share is the province's; closing mines stop,
 * are announced for closure and close in their closure year.
 */
function statusHistory(
  rng: Rng,
  mine: MineSim,
  prof: ProvinceProfile,
  closeYear: number | null,
  today: number,
): Period[] {
  const periods: Period[] = [];
  const push = (status: Status, start: number) => {
    const last = periods[periods.length - 1];
    if (last && last.status === status) return;
    if (last) {
      if (start <= last.start) start = last.start + 1;
      last.end = start;
    }
    periods.push({ status, start, end: null });
  };
  if (mine.special) {
    push("NORMAL_PRODUCTION", dayOf(2009, 6, 1));
    return periods;
  }
  const f = closeYear === null ? prof.fProd : 0.15;
  const fCons = closeYear === null ? prof.fCons : 0.25;
  const r = rng.float();
  let state: Status = r < f ? "NORMAL_PRODUCTION" : r < f + fCons ? "NORMAL_CONSTRUCTION" : "STOPPED";
  push(state, T0 - rng.int(120, 3600));

  let closeAnnounce = Number.POSITIVE_INFINITY;
  let closed = Number.POSITIVE_INFINITY;
  if (closeYear !== null) {
    closed = yearStart(closeYear) + rng.int(0, 364);
    closeAnnounce = Math.max(T0 + 30, closed - rng.int(60, 270));
  }
  const aLong = 0.002;
  const bResume = (aLong * f) / Math.max(0.05, 1 - f);
  let shortUntil = 0;
  for (let month = 0; ; month++) {
    const t = addMonths(T0, month) + rng.int(0, 27);
    if (t > today || t >= closeAnnounce) break;
    if (state === "STOPPED" && shortUntil > 0 && t >= shortUntil) {
      state = "NORMAL_PRODUCTION";
      shortUntil = 0;
      push(state, t);
      continue;
    }
    if (state === "NORMAL_PRODUCTION") {
      const u = rng.float();
      if (u < 0.004) {
        state = "STOPPED";
        shortUntil = addMonths(t, rng.int(1, 5));
        push(state, t);
      } else if (u < 0.004 + aLong) {
        state = "STOPPED";
        shortUntil = 0;
        push(state, t);
      }
    } else if (shortUntil === 0 && rng.chance(bResume)) {
      state = "NORMAL_PRODUCTION";
      push(state, t);
    }
  }
  if (closeYear !== null && closeAnnounce <= today) {
    // Production ends before the closure is announced.
    const cur = periods[periods.length - 1];
    if (cur.status === "NORMAL_PRODUCTION") push("STOPPED", Math.max(cur.start + 30, closeAnnounce - rng.int(30, 300)));
    push("ANNOUNCED_CLOSURE", closeAnnounce);
    if (closed <= today) push("CLOSED", closed);
  }
  return periods;
}

export function statusOn(m: MineSim, d: number): Status | null {
  for (let i = m.periods.length - 1; i >= 0; i--) {
    const p = m.periods[i];
    if (p.start <= d) return p.end === null || d < p.end ? p.status : null;
  }
  return null;
}

export function producingOn(m: MineSim, d: number): boolean {
  return statusOn(m, d) === "NORMAL_PRODUCTION";
}

/** The first day ≥ d on which the mine is producing, or null. */
export function nextProducing(m: MineSim, d: number): number | null {
  for (const p of m.periods) {
    if (p.status !== "NORMAL_PRODUCTION") continue;
    if (p.end !== null && p.end <= d) continue;
    return Math.max(p.start, d);
  }
  return null;
}
