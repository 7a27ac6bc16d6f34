-- DropIndex
DROP INDEX "CustomerPhone_phone_idx";

-- AlterTable
ALTER TABLE "CustomerPhone" ADD COLUMN     "normalized" TEXT NOT NULL DEFAULT '';

-- CreateIndex
CREATE INDEX "CustomerPhone_normalized_idx" ON "CustomerPhone"("normalized");

