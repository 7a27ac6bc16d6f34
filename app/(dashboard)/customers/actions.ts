"use server";
// Server actions for customers and their orders. Each is a public POST endpoint: it checks the
// caller's role itself (operator) before touching anything.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { guarded, type ActionState } from "@/lib/actions";
import { db } from "@/lib/db";
import { createCustomer, deleteCustomer, updateCustomer } from "@/lib/customers/customers";
import { addOrder, deleteOrder, updateOrder } from "@/lib/customers/orders";
import { customerFieldErrorsForForm, customerFromForm, orderFromForm } from "@/lib/customers/form";
import { AppError, validationError } from "@/lib/errors";

const idOf = (v: FormDataEntryValue | null) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw validationError("Missing or invalid id.");
  return n;
};

async function withCustomerErrors<T>(input: ReturnType<typeof customerFromForm>, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof AppError)
      throw new AppError(error.code, error.message, customerFieldErrorsForForm(input, error.fieldErrors));
    throw error;
  }
}

export async function createCustomerAction(_: ActionState, formData: FormData): Promise<ActionState> {
  let id = 0;
  const state = await guarded("operator", formData, async () => {
    const input = customerFromForm(formData);
    id = (await withCustomerErrors(input, async () => createCustomer(await db(), input))).id;
  });
  if (!state.ok) return state;
  revalidatePath("/customers");
  redirect(`/customers/${id}?saved=created`);
}

export async function updateCustomerAction(_: ActionState, formData: FormData): Promise<ActionState> {
  let id = 0;
  const state = await guarded("operator", formData, async () => {
    id = idOf(formData.get("id"));
    const input = customerFromForm(formData);
    await withCustomerErrors(input, async () => updateCustomer(await db(), id, input));
  });
  if (!state.ok) return state;
  revalidatePath("/customers");
  redirect(`/customers/${id}?saved=updated`);
}

export async function deleteCustomerAction(_: ActionState, formData: FormData): Promise<ActionState> {
  const state = await guarded("operator", formData, async () => {
    await deleteCustomer(await db(), idOf(formData.get("id")));
  });
  if (!state.ok) return state;
  revalidatePath("/customers");
  redirect("/customers?deleted=1");
}

function orderInputOrThrow(formData: FormData) {
  const { input, shipmentErrors } = orderFromForm(formData);
  if (shipmentErrors.length)
    throw validationError("The shipment timeline has invalid lines.", { shipments: shipmentErrors });
  return input;
}

export async function addOrderAction(_: ActionState, formData: FormData): Promise<ActionState> {
  return guarded("operator", formData, async () => {
    const customerId = idOf(formData.get("customerId"));
    const order = await addOrder(await db(), customerId, orderInputOrThrow(formData));
    revalidatePath(`/customers/${customerId}`);
    return { message: `Order ${order.orderNo} added.` };
  });
}

export async function updateOrderAction(_: ActionState, formData: FormData): Promise<ActionState> {
  return guarded("operator", formData, async () => {
    const order = await updateOrder(await db(), idOf(formData.get("orderId")), orderInputOrThrow(formData));
    revalidatePath(`/customers/${order.customerId}`);
    return { message: `Order ${order.orderNo} saved.` };
  });
}

export async function deleteOrderAction(_: ActionState, formData: FormData): Promise<ActionState> {
  return guarded("operator", formData, async () => {
    const { customerId } = await deleteOrder(await db(), idOf(formData.get("orderId")));
    revalidatePath(`/customers/${customerId}`);
    return { message: "Order deleted." };
  });
}
