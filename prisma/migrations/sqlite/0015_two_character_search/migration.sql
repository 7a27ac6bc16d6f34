-- Written by hand (schema.prisma cannot express it): customer search for two characters (王芳).
-- The trigram indexes of migration 0014 hold no term of two characters. A value contains two characters
-- either where one of its trigrams starts with them, or as its last two characters:
-- - each trigram index's term list, as fts5vocab tables (virtual: nothing stored), read by a range of terms;
-- - an index on each searched column's last two characters, lower-cased as LIKE compares them.
-- A migration that rebuilds one of these tables must create its tail indexes again.

CREATE VIRTUAL TABLE "CustomerNameTerms" USING fts5vocab("CustomerNameSearch", 'instance');
CREATE VIRTUAL TABLE "CustomerEmailTerms" USING fts5vocab("CustomerEmailSearch", 'instance');
CREATE VIRTUAL TABLE "CustomerPhoneTerms" USING fts5vocab("CustomerPhoneSearch", 'instance');
CREATE VIRTUAL TABLE "ExternalIdTerms" USING fts5vocab("ExternalIdSearch", 'instance');
CREATE INDEX "Customer_uname_tail_idx" ON "Customer"(lower(substr("uname", -2)));
CREATE INDEX "Customer_realname_tail_idx" ON "Customer"(lower(substr("realname", -2)));
CREATE INDEX "CustomerEmail_email_tail_idx" ON "CustomerEmail"(lower(substr("email", -2)));
CREATE INDEX "CustomerPhone_phone_tail_idx" ON "CustomerPhone"(lower(substr("phone", -2)));
CREATE INDEX "CustomerPhone_normalized_tail_idx" ON "CustomerPhone"(lower(substr("normalized", -2)));
CREATE INDEX "ExternalId_value_tail_idx" ON "ExternalId"(lower(substr("value", -2)));
