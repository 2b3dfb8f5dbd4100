export const SERVER_HEAP_MB: number;
export function serverNodeOptions(current?: string): string;
