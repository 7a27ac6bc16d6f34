// Next.js configuration. Security headers apply to every response; pages that must be framed
// by a vendor console set their own frame-ancestors and are excluded here.
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Content-Security-Policy", value: "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  experimental: { authInterrupts: true },
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "@prisma/adapter-pg", "pg"],
  async headers() {
    // The Hyphenate panel sets its own frame-ancestors from the integration's allowed origins.
    return [
      { source: "/((?!hyphenate/).*)", headers: securityHeaders },
      { source: "/hyphenate/:path*", headers: securityHeaders.filter((h) => ["X-Content-Type-Options", "Permissions-Policy"].includes(h.key)) },
    ];
  },
};

export default nextConfig;
