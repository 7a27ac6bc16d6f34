-- AlterTable
ALTER TABLE "Call" ADD COLUMN     "replayOfId" INTEGER;

