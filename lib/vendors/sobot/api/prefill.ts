// The body an operator starts from when triggering a rule for a customer.
import type { CustomerView } from "@/lib/customers/customers";

export function triggerBodyFor(customer: CustomerView): Record<string, string> {
  const byKind = (kind: string) => customer.externalIds.find((x) => x.kind === kind)?.value;
  return {
    Contact_id: byKind("sobot-customer") ?? byKind("sobot-partner") ?? String(customer.id),
    nick: customer.uname || customer.realname,
  };
}
