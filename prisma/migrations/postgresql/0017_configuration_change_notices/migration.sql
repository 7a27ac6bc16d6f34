-- Every change to what vendor calls read as configuration (an integration and its secrets, Udesk
-- answer rules, card templates, the Sobot dictionary), from any instance, the CLI or plain SQL, is
-- announced on the channel deskbridge_configuration. Each instance listens and keeps what it read
-- until a notice arrives, instead of reading it again on every vendor call (lib/db/change-notices.ts).
-- A secret's lastUsedAt, and the call a dictionary entry arrived with, change no call's answer and
-- announce nothing.
CREATE FUNCTION "deskbridge_configuration_changed"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_notify('deskbridge_configuration', ''); RETURN NULL; END $$;

CREATE TRIGGER "Integration_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Integration" FOR EACH STATEMENT EXECUTE FUNCTION "deskbridge_configuration_changed"();

CREATE TRIGGER "IntegrationSecret_changed" AFTER INSERT OR DELETE OR TRUNCATE OR UPDATE OF "integrationId", "name", "state", "sealed", "expiresAt" ON "IntegrationSecret" FOR EACH STATEMENT EXECUTE FUNCTION "deskbridge_configuration_changed"();

CREATE TRIGGER "UdeskRule_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "UdeskRule" FOR EACH STATEMENT EXECUTE FUNCTION "deskbridge_configuration_changed"();

CREATE TRIGGER "CardTemplate_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "CardTemplate" FOR EACH STATEMENT EXECUTE FUNCTION "deskbridge_configuration_changed"();

-- Row by row: a Sobot push whose ids are all known already inserts nothing, and announces nothing.
CREATE TRIGGER "SobotDictionaryEntry_changed" AFTER INSERT OR DELETE OR UPDATE OF "companyId", "type", "sobotId", "name" ON "SobotDictionaryEntry" FOR EACH ROW EXECUTE FUNCTION "deskbridge_configuration_changed"();

CREATE TRIGGER "SobotDictionaryEntry_emptied" AFTER TRUNCATE ON "SobotDictionaryEntry" FOR EACH STATEMENT EXECUTE FUNCTION "deskbridge_configuration_changed"();
