-- CreateTable
CREATE TABLE "SobotDictionaryEntry" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "companyId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "sobotId" TEXT NOT NULL,
    "name" TEXT,
    "callId" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "RateLimit" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "points" INTEGER NOT NULL,
    "expire" DATETIME
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Call" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "direction" TEXT NOT NULL DEFAULT 'in',
    "vendor" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "integrationId" TEXT,
    "method" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "query" TEXT NOT NULL DEFAULT '',
    "headers" TEXT NOT NULL DEFAULT '{}',
    "requestBody" TEXT,
    "requestEncoding" TEXT NOT NULL DEFAULT 'utf8',
    "requestBytes" INTEGER NOT NULL DEFAULT 0,
    "outcome" TEXT NOT NULL,
    "detail" TEXT NOT NULL DEFAULT '',
    "decryptedRequest" TEXT,
    "customerId" INTEGER,
    "status" INTEGER NOT NULL,
    "responseBody" TEXT,
    "decryptedResponse" TEXT,
    "keyUsed" TEXT,
    "durationMs" INTEGER NOT NULL DEFAULT 0,
    "prunedAt" DATETIME,
    "replayOfId" INTEGER,
    "partial" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "Call_integrationId_fkey" FOREIGN KEY ("integrationId") REFERENCES "Integration" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Call_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Call" ("createdAt", "customerId", "decryptedRequest", "decryptedResponse", "detail", "direction", "durationMs", "headers", "id", "integrationId", "keyUsed", "kind", "method", "outcome", "path", "prunedAt", "query", "replayOfId", "requestBody", "requestBytes", "requestEncoding", "responseBody", "status", "vendor") SELECT "createdAt", "customerId", "decryptedRequest", "decryptedResponse", "detail", "direction", "durationMs", "headers", "id", "integrationId", "keyUsed", "kind", "method", "outcome", "path", "prunedAt", "query", "replayOfId", "requestBody", "requestBytes", "requestEncoding", "responseBody", "status", "vendor" FROM "Call";
DROP TABLE "Call";
ALTER TABLE "new_Call" RENAME TO "Call";
CREATE INDEX "Call_createdAt_idx" ON "Call"("createdAt");
CREATE INDEX "Call_vendor_createdAt_idx" ON "Call"("vendor", "createdAt");
CREATE INDEX "Call_integrationId_createdAt_idx" ON "Call"("integrationId", "createdAt");
CREATE INDEX "Call_outcome_createdAt_idx" ON "Call"("outcome", "createdAt");
CREATE INDEX "Call_customerId_createdAt_idx" ON "Call"("customerId", "createdAt");
CREATE INDEX "Call_partial_createdAt_idx" ON "Call"("partial", "createdAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "SobotDictionaryEntry_companyId_type_sobotId_key" ON "SobotDictionaryEntry"("companyId", "type", "sobotId");

-- CreateIndex
CREATE UNIQUE INDEX "SobotDictionaryEntry_companyId_type_name_key" ON "SobotDictionaryEntry"("companyId", "type", "name");

-- CreateIndex
CREATE INDEX "RateLimit_expire_idx" ON "RateLimit"("expire");

