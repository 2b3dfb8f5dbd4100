// A mine as messages, reminders and the inbox name and place it: one select, its row type, and the
// message parameters it gives.

/** The columns that name a mine and place it in its province, prefecture and county. */
export const mineRefSelect = {
  id: true,
  code: true,
  name: true,
  nameEn: true,
  provinceCode: true,
  prefectureCode: true,
  countyCode: true,
} as const;

export interface MineRef {
  id: number;
  code: string;
  name: string;
  nameEn: string | null;
  provinceCode: string;
  prefectureCode: string;
  countyCode: string;
}

/** The mine as messages name it; `mineEn` stands in for `mine` in English (localParams). */
export const mineParams = (mine: MineRef) => ({
  mine: mine.name,
  code: mine.code,
  ...(mine.nameEn ? { mineEn: mine.nameEn } : {}),
});
