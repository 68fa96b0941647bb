import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ValidityPage } from "~/components/validity-page";
import { getPositionHeading } from "~/models/position.server";
import { validityReport } from "~/models/validity.server";
import validityCss from "~/styles/validity.css?url";
import { requireRole } from "~/utils/route-roles.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: validityCss }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Validity${data ? ` · ${data.position.title}` : ""} · valuebench` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "app.positions.$positionId.validity");
  const position = await getPositionHeading(user.organizationId, params.positionId ?? "");
  const report = await validityReport(user.organizationId, position.id);
  return data(
    { position: { id: position.id, title: position.title }, ...report },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export default function Validity() {
  const report = useLoaderData<typeof loader>();
  return <ValidityPage report={report} />;
}
