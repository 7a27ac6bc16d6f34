// Next.js configuration. Security headers apply to every response; pages that must be framed
// by a vendor console set their own frame-ancestors and are excluded here.
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  {
    key: "Content-Security-Policy",
    value: [
      "default-src 'self'",
      // Next.js streams its payload in inline scripts; only same-origin code loads.
      `script-src 'self' 'unsafe-inline'${process.env.NODE_ENV === "production" ? "" : " 'unsafe-eval'"}`,
      "style-src 'self' 'unsafe-inline'",
      // Customers' avatars and product images come from vendors' hosts.
      "img-src 'self' data: blob: https:",
      "font-src 'self' data:",
      "connect-src 'self'",
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ].join("; "),
  },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  experimental: { authInterrupts: true },
  // re2-wasm loads its .wasm file from its own folder at run time.
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "@prisma/adapter-pg", "pg", "re2-wasm"],
  async headers() {
    // The Hyphenate panel sets its own frame-ancestors from the integration's allowed origins.
    return [
      { source: "/((?!hyphenate/).*)", headers: securityHeaders },
      {
        source: "/hyphenate/:path*",
        headers: securityHeaders.filter((h) =>
          ["X-Content-Type-Options", "Referrer-Policy", "Permissions-Policy"].includes(h.key),
        ),
      },
    ];
  },
};

export default nextConfig;
