import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  // App code logs through lib/server/log/logger.ts (structured JSON); scripts and tests may print.
  {
    files: ["app/**", "components/**", "lib/**"],
    rules: { "no-console": "error" },
  },
  {
    ignores: [
      "node_modules/**",
      ".next*/**",
      "lib/generated/**",
      ".data/**",
      "next-env.d.ts",
      "test-results/**",
      "playwright-report/**",
      "bench-results/**",
    ],
  },
];

export default config;
