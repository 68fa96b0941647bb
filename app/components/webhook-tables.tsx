import { Form } from "@remix-run/react";
import { FormattedDate } from "~/components/formatted-date";
import { useStaffT } from "~/i18n/staff";

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
  const t = useStaffT("admin");
  if (endpoints.length === 0) return <p className="muted">{t("webhooks.noEndpoints")}</p>;
  return (
    <table>
      <caption className="sr-only">{t("webhooks.endpoints")}</caption>
      <thead>
        <tr>
          <th scope="col">{t("webhooks.colUrl")}</th>
          <th scope="col">{t("webhooks.events")}</th>
          <th scope="col">{t("webhooks.colAdded")}</th>
          <th scope="col">{t("api.state")}</th>
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
                  {t("webhooks.disabledOn")} <When at={endpoint.disabledAt} />
                </>
              ) : (
                <Form method="post">
                  <input type="hidden" name="intent" value="disable" />
                  <input type="hidden" name="endpointId" value={endpoint.id} />
                  <button type="submit" className="secondary" disabled={busy}>
                    {t("webhooks.disable")}
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
  const t = useStaffT("admin");
  if (d.status === "delivered")
    return (
      <>
        {t("webhooks.delivered")} {d.deliveredAt ? <When at={d.deliveredAt} /> : null} (HTTP {d.lastStatusCode})
      </>
    );
  // The receiver's or the network's own error text, recorded as it came.
  const last = <span lang="en">{d.lastError ?? ""}</span>;
  if (d.status === "failed") {
    return (
      <>
        {t("webhooks.failed")} {last}
      </>
    );
  }
  if (d.attempts === 0) return <>{t("webhooks.waiting")}</>;
  return (
    <>
      {t("webhooks.retrying")} <When at={d.nextAttemptAt ?? d.createdAt} />: {last}
    </>
  );
}

export function WebhookDeliveryLog({ deliveries, busy }: { deliveries: Delivery[]; busy: boolean }) {
  const t = useStaffT("admin");
  if (deliveries.length === 0) return <p className="muted">{t("webhooks.nothingSent")}</p>;
  return (
    <table>
      <caption className="sr-only">{t("webhooks.log")}</caption>
      <thead>
        <tr>
          <th scope="col">{t("common:created")}</th>
          <th scope="col">{t("webhooks.colEvent")}</th>
          <th scope="col">{t("webhooks.colTo")}</th>
          <th scope="col">{t("webhooks.colAttempts")}</th>
          <th scope="col">{t("webhooks.colOutcome")}</th>
          <th scope="col">
            <span className="sr-only">{t("webhooks.resend")}</span>
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
                <button
                  type="submit"
                  className="secondary"
                  disabled={busy}
                  aria-label={t("webhooks.resendLabel", { id: d.id })}
                >
                  {t("webhooks.resend")}
                </button>
              </Form>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
