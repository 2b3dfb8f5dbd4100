import type { MetadataRoute } from "next";

// /robots.txt: search engines may index the public register (grades, decisions, a page per mine,
// its downloads), the public notices and the public API; everything else is the signed-in portal
// or sign-in itself, and stays out. A crawler takes the longest matching rule, so these Allow
// lines win over the Disallow of the rest.
const PUBLIC_PATHS = ["/register", "/notices", "/api/public/", "/api/openapi.json"];

export default function robots(): MetadataRoute.Robots {
  return {
    rules: { userAgent: "*", allow: PUBLIC_PATHS, disallow: "/" },
  };
}
