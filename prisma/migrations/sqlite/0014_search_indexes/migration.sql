-- Written by hand (schema.prisma cannot express it): customer search at scale.
-- Substring search ("ann" in "Joanna", "0013" in a phone) cannot seek in a B-tree index. Each searched
-- column gets an FTS5 trigram index, with the table itself as its content (nothing is stored twice but
-- the index); the triggers below keep every index in step with its table, cascaded deletes included.
-- A migration that rebuilds one of these tables must create its triggers again.

CREATE VIRTUAL TABLE "CustomerNameSearch" USING fts5("uname", "realname", content='Customer', content_rowid='id', tokenize='trigram');
INSERT INTO "CustomerNameSearch"("CustomerNameSearch") VALUES ('rebuild');
CREATE TRIGGER "Customer_search_insert" AFTER INSERT ON "Customer" BEGIN INSERT INTO "CustomerNameSearch"(rowid, "uname", "realname") VALUES (new."id", new."uname", new."realname"); END;
CREATE TRIGGER "Customer_search_delete" AFTER DELETE ON "Customer" BEGIN INSERT INTO "CustomerNameSearch"("CustomerNameSearch", rowid, "uname", "realname") VALUES ('delete', old."id", old."uname", old."realname"); END;
CREATE TRIGGER "Customer_search_update" AFTER UPDATE ON "Customer" WHEN old."uname" IS NOT new."uname" OR old."realname" IS NOT new."realname" BEGIN INSERT INTO "CustomerNameSearch"("CustomerNameSearch", rowid, "uname", "realname") VALUES ('delete', old."id", old."uname", old."realname"); INSERT INTO "CustomerNameSearch"(rowid, "uname", "realname") VALUES (new."id", new."uname", new."realname"); END;
CREATE VIRTUAL TABLE "CustomerEmailSearch" USING fts5("email", content='CustomerEmail', content_rowid='id', tokenize='trigram');
INSERT INTO "CustomerEmailSearch"("CustomerEmailSearch") VALUES ('rebuild');
CREATE TRIGGER "CustomerEmail_search_insert" AFTER INSERT ON "CustomerEmail" BEGIN INSERT INTO "CustomerEmailSearch"(rowid, "email") VALUES (new."id", new."email"); END;
CREATE TRIGGER "CustomerEmail_search_delete" AFTER DELETE ON "CustomerEmail" BEGIN INSERT INTO "CustomerEmailSearch"("CustomerEmailSearch", rowid, "email") VALUES ('delete', old."id", old."email"); END;
CREATE TRIGGER "CustomerEmail_search_update" AFTER UPDATE ON "CustomerEmail" WHEN old."email" IS NOT new."email" BEGIN INSERT INTO "CustomerEmailSearch"("CustomerEmailSearch", rowid, "email") VALUES ('delete', old."id", old."email"); INSERT INTO "CustomerEmailSearch"(rowid, "email") VALUES (new."id", new."email"); END;
CREATE VIRTUAL TABLE "CustomerPhoneSearch" USING fts5("phone", "normalized", content='CustomerPhone', content_rowid='id', tokenize='trigram');
INSERT INTO "CustomerPhoneSearch"("CustomerPhoneSearch") VALUES ('rebuild');
CREATE TRIGGER "CustomerPhone_search_insert" AFTER INSERT ON "CustomerPhone" BEGIN INSERT INTO "CustomerPhoneSearch"(rowid, "phone", "normalized") VALUES (new."id", new."phone", new."normalized"); END;
CREATE TRIGGER "CustomerPhone_search_delete" AFTER DELETE ON "CustomerPhone" BEGIN INSERT INTO "CustomerPhoneSearch"("CustomerPhoneSearch", rowid, "phone", "normalized") VALUES ('delete', old."id", old."phone", old."normalized"); END;
CREATE TRIGGER "CustomerPhone_search_update" AFTER UPDATE ON "CustomerPhone" WHEN old."phone" IS NOT new."phone" OR old."normalized" IS NOT new."normalized" BEGIN INSERT INTO "CustomerPhoneSearch"("CustomerPhoneSearch", rowid, "phone", "normalized") VALUES ('delete', old."id", old."phone", old."normalized"); INSERT INTO "CustomerPhoneSearch"(rowid, "phone", "normalized") VALUES (new."id", new."phone", new."normalized"); END;
CREATE VIRTUAL TABLE "ExternalIdSearch" USING fts5("value", content='ExternalId', content_rowid='id', tokenize='trigram');
INSERT INTO "ExternalIdSearch"("ExternalIdSearch") VALUES ('rebuild');
CREATE TRIGGER "ExternalId_search_insert" AFTER INSERT ON "ExternalId" BEGIN INSERT INTO "ExternalIdSearch"(rowid, "value") VALUES (new."id", new."value"); END;
CREATE TRIGGER "ExternalId_search_delete" AFTER DELETE ON "ExternalId" BEGIN INSERT INTO "ExternalIdSearch"("ExternalIdSearch", rowid, "value") VALUES ('delete', old."id", old."value"); END;
CREATE TRIGGER "ExternalId_search_update" AFTER UPDATE ON "ExternalId" WHEN old."value" IS NOT new."value" BEGIN INSERT INTO "ExternalIdSearch"("ExternalIdSearch", rowid, "value") VALUES ('delete', old."id", old."value"); INSERT INTO "ExternalIdSearch"(rowid, "value") VALUES (new."id", new."value"); END;
