export const SERVER_HEAP_MB: number;
export const SERVER_SEMI_SPACE_MB: number;
export function serverNodeOptions(current?: string): string;
