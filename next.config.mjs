// Next.js configuration. Security headers apply to every response; pages that must be framed
// by a vendor console set their own frame-ancestors and are excluded here.
import createNextIntlPlugin from "next-intl/plugin";
import { securityHeaders } from "./lib/security-headers.mjs";

// The dashboard's languages: lib/i18n/request.ts picks each request's language, zone and messages.
const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // .next/standalone: the server and only the packages it uses, from which `npm run release`
  // assembles a folder that runs without the source tree (scripts/release.mjs).
  output: "standalone",
  reactStrictMode: true,
  experimental: { authInterrupts: true },
  // re2-wasm loads its .wasm file from its own folder at run time; prom-client is loaded once
  // per process, not once per route bundle.
  serverExternalPackages: [
    "better-sqlite3",
    "@prisma/adapter-better-sqlite3",
    "@prisma/adapter-pg",
    "pg",
    "re2-wasm",
    "prom-client",
  ],
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

export default withNextIntl(nextConfig);
