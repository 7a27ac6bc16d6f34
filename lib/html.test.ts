// The HTML template escapes everything it is given.
import { describe, expect, it } from "vitest";
import { html } from "@/lib/html";

describe("html", () => {
  it("escapes interpolated text, including attribute quotes", () => {
    const payload = `<script>alert(1)</script>' OR '1'='1 "x"`;
    expect(html`<p title="${payload}">${payload}</p>`.value).toBe(
      '<p title="&lt;script&gt;alert(1)&lt;/script&gt;&#39; OR &#39;1&#39;=&#39;1 &quot;x&quot;">' +
        "&lt;script&gt;alert(1)&lt;/script&gt;&#39; OR &#39;1&#39;=&#39;1 &quot;x&quot;</p>",
    );
  });

  it("nests fragments without escaping them twice, and skips empty values", () => {
    const items = ["a&b", "c"].map((x) => html`<li>${x}</li>`);
    expect(html`<ul>${items}${null}${undefined}${false}</ul>`.value).toBe("<ul><li>a&amp;b</li><li>c</li></ul>");
  });
});
