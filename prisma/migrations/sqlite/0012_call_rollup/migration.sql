-- CreateTable
CREATE TABLE "CallRollup" (
    "integrationId" TEXT NOT NULL,
    "hour" INTEGER NOT NULL,
    "calls" INTEGER NOT NULL DEFAULT 0,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "lat0" INTEGER NOT NULL DEFAULT 0,
    "lat1" INTEGER NOT NULL DEFAULT 0,
    "lat2" INTEGER NOT NULL DEFAULT 0,
    "lat3" INTEGER NOT NULL DEFAULT 0,
    "lat4" INTEGER NOT NULL DEFAULT 0,
    "lat5" INTEGER NOT NULL DEFAULT 0,
    "lat6" INTEGER NOT NULL DEFAULT 0,
    "lat7" INTEGER NOT NULL DEFAULT 0,
    "lat8" INTEGER NOT NULL DEFAULT 0,
    "lat9" INTEGER NOT NULL DEFAULT 0,
    "lat10" INTEGER NOT NULL DEFAULT 0,
    "lat11" INTEGER NOT NULL DEFAULT 0,
    "lat12" INTEGER NOT NULL DEFAULT 0,
    "lat13" INTEGER NOT NULL DEFAULT 0,
    "lat14" INTEGER NOT NULL DEFAULT 0,
    "lat15" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("integrationId", "hour")
);

-- CreateIndex
CREATE INDEX "CallRollup_hour_idx" ON "CallRollup"("hour");

-- Backfill: the calls logged so far, summed the way lib/calls/record keeps them from now on.
INSERT INTO "CallRollup" ("integrationId", "hour", "calls", "failures", "lat0", "lat1", "lat2", "lat3", "lat4", "lat5", "lat6", "lat7", "lat8", "lat9", "lat10", "lat11", "lat12", "lat13", "lat14", "lat15") SELECT "i", "h", COUNT(*), SUM("f"), SUM(CASE WHEN "b" = 0 THEN 1 ELSE 0 END), SUM(CASE WHEN "b" = 1 THEN 1 ELSE 0 END), SUM(CASE WHEN "b" = 2 THEN 1 ELSE 0 END), SUM(CASE WHEN "b" = 3 THEN 1 ELSE 0 END), SUM(CASE WHEN "b" = 4 THEN 1 ELSE 0 END), SUM(CASE WHEN "b" = 5 THEN 1 ELSE 0 END), SUM(CASE WHEN "b" = 6 THEN 1 ELSE 0 END), SUM(CASE WHEN "b" = 7 THEN 1 ELSE 0 END), SUM(CASE WHEN "b" = 8 THEN 1 ELSE 0 END), SUM(CASE WHEN "b" = 9 THEN 1 ELSE 0 END), SUM(CASE WHEN "b" = 10 THEN 1 ELSE 0 END), SUM(CASE WHEN "b" = 11 THEN 1 ELSE 0 END), SUM(CASE WHEN "b" = 12 THEN 1 ELSE 0 END), SUM(CASE WHEN "b" = 13 THEN 1 ELSE 0 END), SUM(CASE WHEN "b" = 14 THEN 1 ELSE 0 END), SUM(CASE WHEN "b" = 15 THEN 1 ELSE 0 END) FROM (SELECT COALESCE("integrationId", '') AS "i", CASE typeof("createdAt") WHEN 'integer' THEN "createdAt" / 3600000 ELSE CAST(strftime('%s', "createdAt") AS INTEGER) / 3600 END AS "h", CASE WHEN "outcome" IN ('ok', 'not_found', 'duplicate') THEN 0 ELSE 1 END AS "f", CASE WHEN "durationMs" <= 5 THEN 0 WHEN "durationMs" <= 10 THEN 1 WHEN "durationMs" <= 25 THEN 2 WHEN "durationMs" <= 50 THEN 3 WHEN "durationMs" <= 75 THEN 4 WHEN "durationMs" <= 100 THEN 5 WHEN "durationMs" <= 150 THEN 6 WHEN "durationMs" <= 250 THEN 7 WHEN "durationMs" <= 400 THEN 8 WHEN "durationMs" <= 600 THEN 9 WHEN "durationMs" <= 1000 THEN 10 WHEN "durationMs" <= 1500 THEN 11 WHEN "durationMs" <= 2500 THEN 12 WHEN "durationMs" <= 5000 THEN 13 WHEN "durationMs" <= 10000 THEN 14 ELSE 15 END AS "b" FROM "Call") AS "c" GROUP BY "i", "h";
