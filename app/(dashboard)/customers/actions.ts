"use server";
// Server actions for customers and their orders (operators). The forms carry repeated rows
// (emails, phones, shipments), read from the raw form by lib/customers/form.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getTimeZone } from "next-intl/server";
import { z } from "zod";
import { action, text } from "@/lib/actions";
import { createCustomer, deleteCustomer, updateCustomer } from "@/lib/customers/customers";
import { customerFieldErrorsForForm, customerFromForm, orderFromForm } from "@/lib/customers/form";
import { addOrder, deleteOrder, updateOrder } from "@/lib/customers/orders";
import { db } from "@/lib/db";
import { AppError, validationError } from "@/lib/errors";

/** A positive whole id; anything else is refused with one message. */
const id = () =>
  text().transform((v, ctx) => {
    const n = Number(v);
    if (Number.isInteger(n) && n > 0) return n;
    ctx.addIssue({ code: "custom", message: "Missing or invalid id." });
    return z.NEVER;
  });
const invalidId = { invalid: "Missing or invalid id." };

async function withCustomerErrors<T>(input: ReturnType<typeof customerFromForm>, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof AppError)
      throw new AppError(error.code, error.message, customerFieldErrorsForForm(input, error.fieldErrors));
    throw error;
  }
}

export const createCustomerAction = action("operator", z.object({}), async (_, { formData }) => {
  const input = customerFromForm(formData);
  const { id } = await withCustomerErrors(input, async () => createCustomer(await db(), input));
  revalidatePath("/customers");
  redirect(`/customers/${id}?saved=created`);
});

export const updateCustomerAction = action(
  "operator",
  z.object({ id: id() }),
  async ({ id }, { formData }) => {
    const input = customerFromForm(formData);
    await withCustomerErrors(input, async () => updateCustomer(await db(), id, input));
    revalidatePath("/customers");
    redirect(`/customers/${id}?saved=updated`);
  },
  invalidId,
);

export const deleteCustomerAction = action(
  "operator",
  z.object({ id: id() }),
  async ({ id }) => {
    await deleteCustomer(await db(), id);
    revalidatePath("/customers");
    redirect("/customers?deleted=1");
  },
  invalidId,
);

/** The order form's times are typed in the operator's zone, as the page shows them. */
async function orderInputOrThrow(formData: FormData) {
  const { input, shipmentErrors } = orderFromForm(formData, await getTimeZone());
  if (shipmentErrors.length)
    throw validationError("The shipment timeline has invalid lines.", { shipments: shipmentErrors });
  return input;
}

export const addOrderAction = action(
  "operator",
  z.object({ customerId: id() }),
  async ({ customerId }, { formData }) => {
    const order = await addOrder(await db(), customerId, await orderInputOrThrow(formData));
    revalidatePath(`/customers/${customerId}`);
    return { message: `Order ${order.orderNo} added.` };
  },
  invalidId,
);

export const updateOrderAction = action(
  "operator",
  z.object({ orderId: id() }),
  async ({ orderId }, { formData }) => {
    const order = await updateOrder(await db(), orderId, await orderInputOrThrow(formData));
    revalidatePath(`/customers/${order.customerId}`);
    return { message: `Order ${order.orderNo} saved.` };
  },
  invalidId,
);

export const deleteOrderAction = action(
  "operator",
  z.object({ orderId: id() }),
  async ({ orderId }) => {
    const { customerId } = await deleteOrder(await db(), orderId);
    revalidatePath(`/customers/${customerId}`);
    return { message: "Order deleted." };
  },
  invalidId,
);
