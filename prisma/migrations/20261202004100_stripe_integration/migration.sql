-- CreateTable
CREATE TABLE "StripeIntegration" (
    "orgId" TEXT NOT NULL,
    "endpointId" TEXT NOT NULL,
    "secret" BYTEA,
    "secretHint" TEXT,
    "connectedById" TEXT,
    "connectedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StripeIntegration_pkey" PRIMARY KEY ("orgId")
);

-- CreateTable
CREATE TABLE "StripePriceMapping" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "stripeId" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "version" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StripePriceMapping_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StripeEvent" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "livemode" BOOLEAN NOT NULL,
    "outcome" TEXT NOT NULL,
    "reason" TEXT,
    "sessionId" TEXT,
    "paymentIntentId" TEXT,
    "purchaseId" TEXT,
    "email" TEXT,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StripeEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "StripeIntegration_endpointId_key" ON "StripeIntegration"("endpointId");

-- CreateIndex
CREATE UNIQUE INDEX "StripePriceMapping_orgId_stripeId_key" ON "StripePriceMapping"("orgId", "stripeId");

-- CreateIndex
CREATE INDEX "StripeEvent_orgId_receivedAt_idx" ON "StripeEvent"("orgId", "receivedAt" DESC);

-- CreateIndex
CREATE INDEX "StripeEvent_orgId_paymentIntentId_idx" ON "StripeEvent"("orgId", "paymentIntentId");

-- CreateIndex
CREATE UNIQUE INDEX "StripeEvent_orgId_eventId_key" ON "StripeEvent"("orgId", "eventId");

-- AddForeignKey
ALTER TABLE "StripeIntegration" ADD CONSTRAINT "StripeIntegration_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StripePriceMapping" ADD CONSTRAINT "StripePriceMapping_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StripePriceMapping" ADD CONSTRAINT "StripePriceMapping_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StripeEvent" ADD CONSTRAINT "StripeEvent_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
