export function svg(cornerRadius?: number): string;
export function png(size: number, cornerRadius?: number): Buffer;
export function ico(sizes: number[]): Buffer;
export function icons(): Record<string, Buffer>;
