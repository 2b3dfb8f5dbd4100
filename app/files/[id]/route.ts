import { evidenceResponse } from "@/lib/server/files/respond";

export const dynamic = "force-dynamic";

/** GET /files/<id>: an evidence file, with exactly the permissions of the record it belongs to. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  return evidenceResponse((await params).id, "file");
}
