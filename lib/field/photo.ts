// A photo taken in the field, made small enough to carry: an image larger than MAX_PHOTO_EDGE on its
// long side is drawn again on a canvas at that size and encoded as JPEG; a smaller one is kept as it is
// (so is anything the browser cannot decode: the server checks every file's type from its bytes).

/** The long side of a photo after downscaling, in pixels. */
export const MAX_PHOTO_EDGE = 2560;
const JPEG_QUALITY = 0.85;

export async function preparePhoto(file: File): Promise<{ blob: Blob; filename: string }> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    return { blob: file, filename: file.name || "photo" };
  }
  try {
    const edge = Math.max(bitmap.width, bitmap.height);
    if (edge <= MAX_PHOTO_EDGE) return { blob: file, filename: file.name || "photo.jpg" };
    const scale = MAX_PHOTO_EDGE / edge;
    const canvas = document.createElement("canvas");
    canvas.width = Math.round(bitmap.width * scale);
    canvas.height = Math.round(bitmap.height * scale);
    canvas.getContext("2d")?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, "image/jpeg", JPEG_QUALITY));
    if (!blob) return { blob: file, filename: file.name || "photo.jpg" };
    const base = (file.name || "photo").replace(/\.[^.]*$/, "");
    return { blob, filename: `${base}.jpg` };
  } finally {
    bitmap.close();
  }
}
