-- CreateTable
CREATE TABLE "WebhookReceipt" (
    "id" SERIAL NOT NULL,
    "integrationId" TEXT NOT NULL,
    "digest" TEXT NOT NULL,
    "customerId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WebhookReceipt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiToken" (
    "integrationId" TEXT NOT NULL,
    "sealed" TEXT,
    "expiresAt" TIMESTAMP(3),
    "fetchedAt" TIMESTAMP(3),
    "refreshingUntil" TIMESTAMP(3),

    CONSTRAINT "ApiToken_pkey" PRIMARY KEY ("integrationId")
);

-- CreateIndex
CREATE UNIQUE INDEX "WebhookReceipt_integrationId_digest_key" ON "WebhookReceipt"("integrationId", "digest");

-- AddForeignKey
ALTER TABLE "WebhookReceipt" ADD CONSTRAINT "WebhookReceipt_integrationId_fkey" FOREIGN KEY ("integrationId") REFERENCES "Integration"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_integrationId_fkey" FOREIGN KEY ("integrationId") REFERENCES "Integration"("id") ON DELETE CASCADE ON UPDATE CASCADE;

