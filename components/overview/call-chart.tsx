// Calls and failures over time as a server-rendered SVG bar chart: each bar is the calls of one
// period, its red part the failures. Scales to its container; a title on each bar gives the numbers.
import { useTimeZone, useTranslations } from "next-intl";
import type { Bar } from "@/lib/calls/overview";
import { formatDateTime } from "@/lib/datetime";

export function CallChart({ bars, label, height = 80 }: { bars: Bar[]; label: string; height?: number }) {
  const t = useTranslations("overview");
  const timeZone = useTimeZone();
  const max = Math.max(1, ...bars.map((b) => b.calls));
  const width = bars.length * 10;
  const total = bars.reduce((n, b) => n + b.calls, 0);
  const failed = bars.reduce((n, b) => n + b.failures, 0);
  return (
    <svg
      role="img"
      aria-label={t("chart", { label, total: String(total), failed: String(failed) })}
      viewBox={`0 0 ${width} ${height}`}
      preserveAspectRatio="none"
      className="block h-20 w-full"
    >
      <line x1={0} y1={height - 0.5} x2={width} y2={height - 0.5} className="stroke-line" strokeWidth={1} />
      {bars.map((b, i) => {
        const h = (b.calls / max) * (height - 2);
        const f = (b.failures / max) * (height - 2);
        return (
          <g key={b.start.toISOString()}>
            <title>
              {t("bar", {
                time: formatDateTime(b.start, { timeZone }),
                calls: String(b.calls),
                failed: String(b.failures),
              })}
            </title>
            <rect x={i * 10 + 1} y={height - 1 - h} width={8} height={h} className="fill-accent" opacity={0.55} />
            {b.failures > 0 && <rect x={i * 10 + 1} y={height - 1 - f} width={8} height={f} className="fill-danger" />}
          </g>
        );
      })}
    </svg>
  );
}
