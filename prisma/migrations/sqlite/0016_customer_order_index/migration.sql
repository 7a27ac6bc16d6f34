-- DropIndex
DROP INDEX "Customer_updatedAt_idx";

-- CreateIndex
CREATE INDEX "Customer_updatedAt_id_idx" ON "Customer"("updatedAt", "id");

