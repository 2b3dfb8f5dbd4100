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
    // Routes own their server actions (app/**/actions.ts, beside the page); a page passes an action
    // to its client form as a prop. Nothing outside app/ imports from app/, so a component or a
    // library module never depends on a route.
    files: ["components/**", "lib/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/app", "@/app/**", "**/app/**"],
              message: "Outside app/, take a server action as a prop from the page instead of importing the route.",
            },
          ],
        },
      ],
    },
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
