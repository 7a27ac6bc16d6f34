-- CreateTable
CREATE TABLE "Integration" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "vendor" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "settings" TEXT NOT NULL DEFAULT '{}',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "IntegrationSecret" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "integrationId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'current',
    "sealed" TEXT NOT NULL,
    "hint" TEXT NOT NULL,
    "expiresAt" DATETIME,
    "lastUsedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "IntegrationSecret_integrationId_fkey" FOREIGN KEY ("integrationId") REFERENCES "Integration" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Call" (
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
    CONSTRAINT "Call_integrationId_fkey" FOREIGN KEY ("integrationId") REFERENCES "Integration" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Call_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Integration_slug_key" ON "Integration"("slug");

-- CreateIndex
CREATE INDEX "Integration_vendor_idx" ON "Integration"("vendor");

-- CreateIndex
CREATE INDEX "IntegrationSecret_integrationId_name_state_idx" ON "IntegrationSecret"("integrationId", "name", "state");

-- CreateIndex
CREATE INDEX "Call_createdAt_idx" ON "Call"("createdAt");

-- CreateIndex
CREATE INDEX "Call_vendor_createdAt_idx" ON "Call"("vendor", "createdAt");

-- CreateIndex
CREATE INDEX "Call_integrationId_createdAt_idx" ON "Call"("integrationId", "createdAt");

-- CreateIndex
CREATE INDEX "Call_outcome_createdAt_idx" ON "Call"("outcome", "createdAt");

-- CreateIndex
CREATE INDEX "Call_customerId_createdAt_idx" ON "Call"("customerId", "createdAt");

