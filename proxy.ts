import { NextResponse, type NextRequest } from "next/server";
import { unavailableResponse } from "@/lib/server/http/availability";

// Runs before every matched request. It is not a security boundary (authorization lives in the
// data layer); it answers 503 while the database is down and sets the security headers.
export async function proxy(request: NextRequest) {
  const unavailable = await unavailableResponse(request);
  if (unavailable) return unavailable;
  return NextResponse.next();
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
