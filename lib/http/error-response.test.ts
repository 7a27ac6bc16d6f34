// Route handlers answer domain errors through one table: the status, the JSON body and the
// headers a caller (a browser, a Prometheus scraper) acts on.
import { afterEach, describe, expect, it, vi } from "vitest";
import { AppError, conflict, forbidden, notFound, unauthenticated, validationError } from "@/lib/errors";
import { APP_ERROR_STATUS, errorResponse } from "@/lib/http/error-response";

afterEach(() => vi.restoreAllMocks());

describe("errorResponse", () => {
  it.each([
    [validationError("format must be one of csv, json"), 400],
    [unauthenticated(), 401],
    [forbidden(), 403],
    [notFound("No such customer."), 404],
    [conflict("Taken."), 409],
  ])("answers %s with its status and {error, message}", async (error, status) => {
    const response = errorResponse(error);
    expect(response.status).toBe(status);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual({ error: error.code, message: error.message });
  });

  it("has a status for every code", () => {
    expect(Object.keys(APP_ERROR_STATUS).sort()).toEqual(
      ["conflict", "forbidden", "not_found", "unauthenticated", "validation"].sort(),
    );
  });

  it("carries field errors, a route's own wording and its headers", async () => {
    const invalid = await errorResponse(validationError("Invalid.", { format: ["csv or json"] })).json();
    expect(invalid).toEqual({ error: "validation", message: "Invalid.", fieldErrors: { format: ["csv or json"] } });

    const options = {
      messages: { forbidden: "Metrics are for admins." },
      headers: { unauthenticated: { "www-authenticate": 'Bearer realm="x"' } },
    };
    const denied = errorResponse(forbidden(), options);
    expect(await denied.json()).toEqual({ error: "forbidden", message: "Metrics are for admins." });
    expect(denied.headers.get("www-authenticate")).toBeNull();
    const anonymous = errorResponse(new AppError("unauthenticated", "The bearer token is not valid."), options);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("www-authenticate")).toBe('Bearer realm="x"');
    expect((await anonymous.json()).message).toBe("The bearer token is not valid.");
  });

  it("answers an unreachable database 503 with Retry-After", async () => {
    const response = errorResponse(
      Object.assign(new Error("connect ECONNREFUSED 10.0.0.5:5432"), { code: "ECONNREFUSED" }),
    );
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("5");
    const text = await response.text();
    expect(JSON.parse(text).error).toBe("unavailable");
    expect(text).not.toContain("10.0.0.5");
  });

  it("answers anything else a generic 500 and keeps the detail out of the answer", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const response = errorResponse(new TypeError("secret-looking detail at /srv/app"));
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ error: "internal_error", message: "Internal error." });
    expect(text).not.toContain("secret-looking");
    expect(logged).toHaveBeenCalledOnce();
  });
});
