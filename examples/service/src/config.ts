// Settings from the environment, read once at start-up.
function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`Missing environment variable ${name}`);
  return value;
}

export const config = {
  port: Number(process.env.PORT ?? 3000),
  databaseUrl: required('DATABASE_URL'),
  auditDatabaseUrl: process.env.AUDIT_DATABASE_URL ?? required('DATABASE_URL'),
  inventoryUrl: required('INVENTORY_URL'),
  paymentsUrl: required('PAYMENTS_URL'),
  shippingUrl: required('SHIPPING_URL'),
  webhookUrl: process.env.ORDER_WEBHOOK_URL,
};
