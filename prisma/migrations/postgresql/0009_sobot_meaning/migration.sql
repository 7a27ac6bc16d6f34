-- AlterTable
ALTER TABLE "Call" ADD COLUMN     "partial" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "SobotDictionaryEntry" (
    "id" SERIAL NOT NULL,
    "companyId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "sobotId" TEXT NOT NULL,
    "name" TEXT,
    "callId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SobotDictionaryEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RateLimit" (
    "key" TEXT NOT NULL,
    "points" INTEGER NOT NULL,
    "expire" TIMESTAMP(3),

    CONSTRAINT "RateLimit_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "SobotDictionaryEntry_companyId_type_sobotId_key" ON "SobotDictionaryEntry"("companyId", "type", "sobotId");

-- CreateIndex
CREATE UNIQUE INDEX "SobotDictionaryEntry_companyId_type_name_key" ON "SobotDictionaryEntry"("companyId", "type", "name");

-- CreateIndex
CREATE INDEX "RateLimit_expire_idx" ON "RateLimit"("expire");

-- CreateIndex
CREATE INDEX "Call_partial_createdAt_idx" ON "Call"("partial", "createdAt");

