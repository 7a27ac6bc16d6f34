-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_CustomerPhone" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "customerId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "phone" TEXT NOT NULL,
    "normalized" TEXT NOT NULL DEFAULT '',
    CONSTRAINT "CustomerPhone_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_CustomerPhone" ("customerId", "id", "phone", "position") SELECT "customerId", "id", "phone", "position" FROM "CustomerPhone";
DROP TABLE "CustomerPhone";
ALTER TABLE "new_CustomerPhone" RENAME TO "CustomerPhone";
CREATE INDEX "CustomerPhone_normalized_idx" ON "CustomerPhone"("normalized");
CREATE INDEX "CustomerPhone_customerId_idx" ON "CustomerPhone"("customerId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

