import { Form } from "@remix-run/react";

type Endpoint = { id: string; url: string; events: string[]; createdAt: string; disabledAt: string | null };
type Delivery = {
  id: string;
  kind: "webhook" | "greenhouse";
  url: string;
  eventType: string;
  status: "pending" | "delivered" | "failed";
  attempts: number;
  nextAttemptAt: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
};

const when = (iso: string) => iso.replace("T", " ").slice(0, 19) + " UTC";

export function WebhookEndpointList({ endpoints, busy }: { endpoints: Endpoint[]; busy: boolean }) {
  if (endpoints.length === 0) return <p className="muted">No endpoints yet.</p>;
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">URL</th>
          <th scope="col">Events</th>
          <th scope="col">Added</th>
          <th scope="col">State</th>
        </tr>
      </thead>
      <tbody>
        {endpoints.map((endpoint) => (
          <tr key={endpoint.id}>
            <td>
              <code>{endpoint.url}</code>
            </td>
            <td>{endpoint.events.join(", ")}</td>
            <td>{when(endpoint.createdAt)}</td>
            <td>
              {endpoint.disabledAt ? (
                `Disabled ${when(endpoint.disabledAt)}`
              ) : (
                <Form method="post">
                  <input type="hidden" name="intent" value="disable" />
                  <input type="hidden" name="endpointId" value={endpoint.id} />
                  <button type="submit" className="secondary" disabled={busy}>
                    Disable
                  </button>
                </Form>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function outcome(d: Delivery): string {
  if (d.status === "delivered")
    return `Delivered ${d.deliveredAt ? when(d.deliveredAt) : ""} (HTTP ${d.lastStatusCode})`;
  const last = d.lastError ?? "";
  if (d.status === "failed") return `Failed: ${last}`;
  return d.attempts === 0 ? "Waiting to be sent" : `Retrying at ${when(d.nextAttemptAt ?? d.createdAt)}: ${last}`;
}

export function WebhookDeliveryLog({ deliveries, busy }: { deliveries: Delivery[]; busy: boolean }) {
  if (deliveries.length === 0) return <p className="muted">Nothing sent yet.</p>;
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">Created</th>
          <th scope="col">Event</th>
          <th scope="col">To</th>
          <th scope="col">Attempts</th>
          <th scope="col">Outcome</th>
          <th scope="col">
            <span className="sr-only">Resend</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {deliveries.map((d) => (
          <tr key={d.id}>
            <td>{when(d.createdAt)}</td>
            <td>
              <code>{d.eventType}</code>
              {d.kind === "greenhouse" ? " (Greenhouse)" : ""}
            </td>
            <td>
              <code>{d.url}</code>
            </td>
            <td>{d.attempts}</td>
            <td>{outcome(d)}</td>
            <td>
              <Form method="post">
                <input type="hidden" name="intent" value="resend" />
                <input type="hidden" name="deliveryId" value={d.id} />
                <button type="submit" className="secondary" disabled={busy} aria-label={`Resend ${d.id}`}>
                  Resend
                </button>
              </Form>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
