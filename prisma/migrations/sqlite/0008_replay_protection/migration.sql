-- CreateTable
CREATE TABLE "AcceptedSign" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "integrationId" TEXT NOT NULL,
    "sign" TEXT NOT NULL,
    "timestamp" TEXT NOT NULL,
    "digest" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AcceptedSign_integrationId_fkey" FOREIGN KEY ("integrationId") REFERENCES "Integration" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "AcceptedSign_createdAt_idx" ON "AcceptedSign"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "AcceptedSign_integrationId_sign_timestamp_digest_key" ON "AcceptedSign"("integrationId", "sign", "timestamp", "digest");

