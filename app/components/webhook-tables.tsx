import { Form } from "@remix-run/react";
import { FormattedDate } from "~/components/formatted-date";

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

/** Deliveries retry within seconds, so their times show seconds. */
const When = ({ at }: { at: string }) => <FormattedDate value={at} precision="second" />;

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
            <td>
              <When at={endpoint.createdAt} />
            </td>
            <td>
              {endpoint.disabledAt ? (
                <>
                  Disabled <When at={endpoint.disabledAt} />
                </>
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

function Outcome({ d }: { d: Delivery }) {
  if (d.status === "delivered")
    return (
      <>
        Delivered {d.deliveredAt ? <When at={d.deliveredAt} /> : null} (HTTP {d.lastStatusCode})
      </>
    );
  const last = d.lastError ?? "";
  if (d.status === "failed") return <>Failed: {last}</>;
  if (d.attempts === 0) return <>Waiting to be sent</>;
  return (
    <>
      Retrying at <When at={d.nextAttemptAt ?? d.createdAt} />: {last}
    </>
  );
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
            <td>
              <When at={d.createdAt} />
            </td>
            <td>
              <code>{d.eventType}</code>
              {d.kind === "greenhouse" ? " (Greenhouse)" : ""}
            </td>
            <td>
              <code>{d.url}</code>
            </td>
            <td>{d.attempts}</td>
            <td>
              <Outcome d={d} />
            </td>
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
