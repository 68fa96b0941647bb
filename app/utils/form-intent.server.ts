// The body of a form post is read once per request: actions look at `intent` first, then validate the whole form
// (parseForm), and reading it twice meant cloning the request (performance, issue 9: about 5% of an autosave's CPU).
const forms = new WeakMap<Request, Promise<FormData>>();

/** The request's form data, read from the body on the first call and shared by later calls for the same request. */
export function requestFormData(request: Request): Promise<FormData> {
  let form = forms.get(request);
  if (!form) {
    form = request.formData();
    forms.set(request, form);
  }
  return form;
}

/** The `intent` field of a posted form ("" when absent or unreadable); the body stays readable via requestFormData. */
export async function readIntent(request: Request): Promise<string> {
  try {
    const form = await requestFormData(request);
    const intent = form.get("intent");
    return typeof intent === "string" ? intent : "";
  } catch {
    return "";
  }
}
