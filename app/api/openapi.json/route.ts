import type { NextRequest } from "next/server";
import { openApiDocument } from "@/lib/server/openapi";

export function GET(request: NextRequest) {
  return Response.json(openApiDocument(request.nextUrl.origin));
}
