import type { HeadersFunction, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { isRouteErrorResponse, Outlet, useLoaderData, useRouteError } from "@remix-run/react";
import { questionItemLinks } from "~/components/question-item";
import { requireRespondent } from "~/models/response.server";
import answeringCss from "~/styles/answering.css?url";
import { PRIVATE_HEADERS } from "~/utils/private-headers";

export const headers: HeadersFunction = () => PRIVATE_HEADERS;

export const links: LinksFunction = () => [...questionItemLinks(), { rel: "stylesheet", href: answeringCss }];

export const meta: MetaFunction = () => [
  { title: "Questionnaire" },
  { name: "referrer", content: "no-referrer" },
  { name: "robots", content: "noindex" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const respondent = await requireRespondent(request);
  return data(
    { organizationName: respondent.organizationName, positionTitle: respondent.positionTitle },
    { headers: PRIVATE_HEADERS },
  );
}

export default function RespondentLayout() {
  const { organizationName, positionTitle } = useLoaderData<typeof loader>();
  return (
    <div className="answering-shell">
      <header className="answering-header">
        <span className="org-name">{organizationName}</span>
        <span className="muted"> · {positionTitle}</span>
      </header>
      <main className="answering" id="main">
        <Outlet />
      </main>
    </div>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  let title = "Something went wrong";
  let message = "Your answers so far are saved. Please reload the page, or open your invitation link again.";
  if (isRouteErrorResponse(error)) {
    if (error.status === 401) {
      title = "Please open your invitation link again";
      message = typeof error.data === "string" ? error.data : message;
    } else if (error.status === 404) {
      title = "Page not found";
      message = "This page does not exist. Open your invitation link again to continue where you stopped.";
    }
  }
  return (
    <main className="answering" id="main">
      <h1>{title}</h1>
      <p>{message}</p>
    </main>
  );
}
