-- CreateTable
CREATE TABLE "WebhookReceipt" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "integrationId" TEXT NOT NULL,
    "digest" TEXT NOT NULL,
    "customerId" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "WebhookReceipt_integrationId_fkey" FOREIGN KEY ("integrationId") REFERENCES "Integration" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ApiToken" (
    "integrationId" TEXT NOT NULL PRIMARY KEY,
    "sealed" TEXT,
    "expiresAt" DATETIME,
    "fetchedAt" DATETIME,
    "refreshingUntil" DATETIME,
    CONSTRAINT "ApiToken_integrationId_fkey" FOREIGN KEY ("integrationId") REFERENCES "Integration" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "WebhookReceipt_integrationId_digest_key" ON "WebhookReceipt"("integrationId", "digest");

