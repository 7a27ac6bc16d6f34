-- CreateTable
CREATE TABLE "UdeskRule" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "integrationId" TEXT NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 1,
    "matchType" TEXT NOT NULL,
    "pattern" TEXT NOT NULL DEFAULT '',
    "answer" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "UdeskRule_integrationId_fkey" FOREIGN KEY ("integrationId") REFERENCES "Integration" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CardTemplate" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "integrationId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "taskNodeId" TEXT,
    "isDefault" BOOLEAN NOT NULL DEFAULT false,
    "kind" TEXT NOT NULL,
    "config" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "CardTemplate_integrationId_fkey" FOREIGN KEY ("integrationId") REFERENCES "Integration" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "KnowledgeEntry" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "integrationId" TEXT NOT NULL,
    "datumId" TEXT NOT NULL DEFAULT '',
    "templateAttributeId" TEXT NOT NULL DEFAULT '',
    "msgType" TEXT NOT NULL DEFAULT '',
    "content" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "KnowledgeEntry_integrationId_fkey" FOREIGN KEY ("integrationId") REFERENCES "Integration" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "UdeskRule_integrationId_position_idx" ON "UdeskRule"("integrationId", "position");

-- CreateIndex
CREATE INDEX "CardTemplate_integrationId_taskNodeId_idx" ON "CardTemplate"("integrationId", "taskNodeId");

-- CreateIndex
CREATE INDEX "KnowledgeEntry_integrationId_datumId_idx" ON "KnowledgeEntry"("integrationId", "datumId");

