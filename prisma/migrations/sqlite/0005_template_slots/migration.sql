-- AlterTable
ALTER TABLE "CardTemplate" ADD COLUMN "slot" TEXT;

-- Fill the slot of existing templates (a default wins over its node).
UPDATE "CardTemplate" SET "slot" = CASE WHEN "isDefault" THEN 'default' ELSE "taskNodeId" END;

-- CreateIndex
CREATE UNIQUE INDEX "CardTemplate_integrationId_slot_key" ON "CardTemplate"("integrationId", "slot");

