-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "deliveryMessage" TEXT;

-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN     "from" TEXT;
