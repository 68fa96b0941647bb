import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ValidityPage } from "~/components/validity-page";
import { staffT } from "~/i18n/staff-catalogs.server";
import { getPositionHeading } from "~/models/position.server";
import { validityReport } from "~/models/validity.server";
import validityCss from "~/styles/validity.css?url";
import { requireRole } from "~/utils/route-roles.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: validityCss }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "valuebench" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "app.positions.$positionId.validity");
  const t = staffT(user.locale, "fairness");
  const position = await getPositionHeading(user.organizationId, params.positionId ?? "");
  const report = await validityReport(user.organizationId, position.id);
  // Lists of value names joined in the reader's language on the server (Intl.ListFormat differs between ICUs).
  const lists = {
    unsupported: new Intl.ListFormat(user.locale, { type: "conjunction" }).format(report.advice.unsupported),
    noEvidence: new Intl.ListFormat(user.locale, { type: "unit", style: "short" }).format(report.advice.noEvidence),
  };
  return data(
    {
      title: t("validity.title", { position: position.title }),
      position: { id: position.id, title: position.title },
      ...report,
      lists,
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export default function Validity() {
  const report = useLoaderData<typeof loader>();
  return <ValidityPage report={report} />;
}
