export function operatorLocale(vars?: Record<string, string | undefined>): "zh-CN" | "en";
export function operatorMessages(
  vars?: Record<string, string | undefined>,
): (key: string, values?: Record<string, string | number>) => string;
