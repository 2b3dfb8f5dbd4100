// The demo accounts (product.md), ids 1..6 in this order. Demo seed only, never in production.
import bcrypt from "bcryptjs";
import type { UserInput } from "./entities";
import type { MineSim } from "./mines";
import { Rng } from "./prng";

export const DEMO_PASSWORD = "demo-password";

export const USER = { admin: 1, nmsa: 2, shanxi: 3, datong: 4, official: 5, manager: 6 } as const;

/** A demo account: the user row's fields but its password hash and creation time (rows.ts adds them). */
export type DemoUser = Omit<UserInput, "passwordHash" | "createdAt" | "active"> & { id: number };

export function demoUsers(managerMine: MineSim): DemoUser[] {
  return [
    { id: 1, email: "admin@demo.test", name: "系统管理员", role: "ADMIN", jurisdiction: "", mineId: null },
    {
      id: 2,
      email: "nmsa@demo.test",
      name: "国家矿山安全监察局演示用户",
      role: "NATIONAL_REGULATOR",
      jurisdiction: "",
      mineId: null,
    },
    {
      id: 3,
      email: "shanxi@demo.test",
      name: "山西省能源局演示用户",
      role: "PROVINCIAL_REGULATOR",
      jurisdiction: "14",
      mineId: null,
    },
    {
      id: 4,
      email: "datong@demo.test",
      name: "大同市能源局演示用户",
      role: "LOCAL_REGULATOR",
      jurisdiction: "1402",
      mineId: null,
    },
    { id: 5, email: "official@demo.test", name: "演示官员", role: "OFFICIAL", jurisdiction: "", mineId: null },
    {
      id: 6,
      email: "manager@demo.test",
      name: `${managerMine.name}矿长`,
      role: "MINE_MANAGER",
      jurisdiction: managerMine.countyCode,
      mineId: managerMine.id,
    },
  ];
}

const BCRYPT_ALPHABET = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/**
 * bcrypt (cost 10) of the demo password with a salt drawn from the seed's PRNG, so that the same
 * seed writes the same bytes. Computed once per seed run.
 */
export function demoPasswordHash(): string {
  const rng = new Rng("bcrypt-salt");
  let salt = "";
  for (let i = 0; i < 21; i++) salt += BCRYPT_ALPHABET[rng.int(0, 63)];
  // The 22nd character carries only 2 bits: bcrypt reads it from ".Oeu".
  salt += ".Oeu"[rng.int(0, 3)];
  return bcrypt.hashSync(DEMO_PASSWORD, `$2b$10$${salt}`);
}
