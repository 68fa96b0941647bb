import type { AppLoadContext } from "@remix-run/node";

export function clientIp(context: AppLoadContext | undefined): string {
  return context?.clientIp ?? "unknown";
}
