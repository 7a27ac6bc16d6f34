// The rich-text sanitizer for card content: DOMPurify over jsdom, so that the markup is parsed
// exactly as a browser parses it (tags balanced, nothing left to close the card early) and only
// an allow-list of tags, attributes, URL schemes and style declarations survives.
//
// Rich text is sanitized before preview and before sending: no script, no handlers, no frames, and
// nothing that reaches outside its card in the chat window. No positioning or offsets (a fixed or
// absolute box could cover the chat or the agent's page), no negative margins, no links that
// navigate the page around the chat (target _top/_parent) and no protocol-relative URLs (they
// inherit the chat page's scheme and reach any host). Links may open a new window, without opener.
import createDOMPurify from "dompurify";
import { JSDOM } from "jsdom";

const TAGS = [
  "div",
  "span",
  "p",
  "br",
  "strong",
  "b",
  "em",
  "i",
  "u",
  "img",
  "a",
  "ul",
  "ol",
  "li",
  "h3",
  "h4",
  "small",
  "table",
  "tr",
  "td",
  "th",
  "tbody",
  "thead",
];
/** Which element may carry which attribute (style: any of them). */
const ATTRIBUTES: Record<string, string[]> = { a: ["href", "target"], img: ["src", "alt", "width", "height"] };

// A hex, a named colour or rgb()/rgba() with numbers: never expression() or url().
const COLOUR = /^(#[0-9a-f]{3,8}|[a-z]{3,20}|rgba?\([\d\s.,%]+\))$/i;
/** Layout and colour only; each value matched whole, so no url(), expression() or comment gets by. */
const STYLES: Record<string, RegExp> = {
  color: COLOUR,
  "background-color": COLOUR,
  "text-align": /^(left|right|center)$/,
  "font-size": /^\d+(px|em|rem|%)$/,
  "font-weight": /^(normal|bold|\d{3})$/,
  display: /^(flex|block|inline|inline-block|none)$/,
  flex: /^[\d\s.]+$/,
  // No minus sign: a negative margin pulls a box out over its neighbours.
  margin: /^[\d\s.a-z%]+$/i,
  padding: /^[\d\s.a-z%-]+$/i,
  border: /^[\d\s.a-z#%-]+$/i,
  "border-bottom": /^[\d\s.a-z#%-]+$/i,
  "max-width": /^\d+(px|%)$/,
  "max-height": /^\d+(px|%)$/,
  width: /^\d+(px|%)$/,
  height: /^\d+(px|%)$/,
};

/** The allowed declarations of a style attribute, as `name:value;…`, or "" when none is left. */
function allowedStyle(text: string): string {
  return text
    .split(";")
    .flatMap((declaration) => {
      const at = declaration.indexOf(":");
      if (at < 0) return [];
      const name = declaration.slice(0, at).trim();
      const value = declaration.slice(at + 1).trim();
      return Object.hasOwn(STYLES, name) && STYLES[name].test(value) ? [`${name}:${value}`] : [];
    })
    .join(";");
}

/**
 * An http(s) URL, a relative one, or (images only) a data: URL; never another scheme and never a
 * protocol-relative URL. Read as a browser reads it: tabs, newlines and other control characters
 * do not count, and a backslash is a slash.
 */
function allowedUrl(tag: string, text: string): boolean {
  const url = [...text]
    .filter((c) => c > " " && c !== "\u007f")
    .join("")
    .replace(/\\/g, "/");
  if (url.startsWith("//")) return false;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  if (scheme === undefined) return true;
  return scheme === "http" || scheme === "https" || (tag === "img" && scheme === "data");
}

const { window } = new JSDOM("");
const purify = createDOMPurify(window);
// Every attribute DOMPurify would keep is checked here too: per element, its URL, its style.
purify.addHook("uponSanitizeAttribute", (node, data) => {
  const tag = node.nodeName.toLowerCase();
  const name = data.attrName;
  if (name === "style") {
    const style = allowedStyle(data.attrValue);
    data.attrValue = style;
    data.keepAttr = style !== "";
  } else if (!(ATTRIBUTES[tag] ?? []).includes(name)) data.keepAttr = false;
  else if (name === "href" || name === "src") {
    // DOMPurify's own URL check still applies after this one.
    if (!allowedUrl(tag, data.attrValue)) data.keepAttr = false;
  }
});
// Only a new window, and then without a handle on the chat: never _top, _parent or a named frame.
purify.addHook("afterSanitizeAttributes", (node) => {
  if (node.nodeName !== "A") return;
  if (node.getAttribute("target") === "_blank") node.setAttribute("rel", "noopener noreferrer");
  else node.removeAttribute("target");
});

const CONFIG = {
  ALLOWED_TAGS: TAGS,
  ALLOWED_ATTR: ["style", "href", "target", "src", "alt", "width", "height"],
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  IN_PLACE: true,
};

// One detached element, parsed into and sanitized in place: half the cost of a new document per
// call (jsdom's documents are slow to make). Detached, nothing in it loads, runs or applies, and
// sanitizing is synchronous, so no two calls share it at once.
const holder = window.document.createElement("div");

/** Card content reduced to the markup a card may hold (see the head of this file). */
export function sanitizeRichText(html: string): string {
  holder.innerHTML = html;
  purify.sanitize(holder, CONFIG);
  const clean = holder.innerHTML;
  holder.replaceChildren();
  return clean;
}
