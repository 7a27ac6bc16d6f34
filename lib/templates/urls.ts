// URL fields of a card (bubble and drawer images, product links and images) reach the chat as they
// are: Udesk renders them as <img src> and <a href>. Only http(s) URLs are allowed, checked when
// the template is saved and again on the rendered value, which may come from an order, a static
// item or a variable the robot collected.
export const URL_FIELDS = ["img", "url"] as const;

const HTTP_URL = /^https?:\/\/[^\s\\"'<>`]+$/i;
const PLACEHOLDER = /\{\{[^{}]*\}\}/g;
export const URL_FIELD_MESSAGE = "An http:// or https:// URL, or a {{placeholder}} such as {{order.imageUrl}}";

function isHttpUrl(value: string): boolean {
  if (!HTTP_URL.test(value)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
  } catch {
    return false;
  }
}

/** For a template's URL field: null when acceptable, else the reason. */
export function urlTemplateProblem(template: string): string | null {
  const value = template.trim();
  if (!value) return null;
  // A single placeholder's value is only known when rendered: it is checked then.
  if (/^\{\{[^{}]*\}\}$/.test(value)) return null;
  return isHttpUrl(value.replace(PLACEHOLDER, "x")) ? null : URL_FIELD_MESSAGE;
}

/** A rendered URL field's value, or "" when it is not an http(s) URL. */
export function httpUrlOrEmpty(value: string): string {
  const trimmed = value.trim();
  return isHttpUrl(trimmed) ? trimmed : "";
}
