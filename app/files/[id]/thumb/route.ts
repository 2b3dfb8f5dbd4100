import { evidenceResponse } from "@/lib/server/files/respond";

export const dynamic = "force-dynamic";

/** GET /files/<id>/thumb: an image's thumbnail (JPEG), with the permissions of the file's record. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  return evidenceResponse((await params).id, "thumb");
}
