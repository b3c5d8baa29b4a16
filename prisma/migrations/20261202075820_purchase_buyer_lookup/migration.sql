-- CreateIndex
CREATE INDEX "Purchase_orgId_productId_email_idx" ON "Purchase"("orgId", "productId", "email");
