export function canConnect(url: string): Promise<boolean>;
export function withDatabase(url: string, database: string): string;
export function freePort(): Promise<number>;
export function findOrStartServer(log?: (m: string) => void): Promise<{ adminUrl: string; stop: () => void }>;
export function createDatabase(adminUrl: string, name: string): Promise<string>;
export function dropDatabase(adminUrl: string, name: string): Promise<void>;
