/** The `intent` field of a posted form, read from a clone so the body can still be parsed with parseForm. */
export async function readIntent(request: Request): Promise<string> {
  try {
    const form = await request.clone().formData();
    const intent = form.get("intent");
    return typeof intent === "string" ? intent : "";
  } catch {
    return "";
  }
}
