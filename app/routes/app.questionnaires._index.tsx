import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { FormattedDate } from "~/components/formatted-date";
import { listQuestionnaires } from "~/models/questionnaire.server";
import { requireRole } from "~/utils/route-roles.server";

export const meta: MetaFunction = () => [{ title: "Questionnaires · valuebench" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "app.questionnaires._index");
  return { questionnaires: await listQuestionnaires(user.organizationId) };
}

export default function Questionnaires() {
  const { questionnaires } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <h1>Questionnaires</h1>
      <p>
        <Link to="/app/questionnaires/new" className="button">
          New questionnaire
        </Link>
      </p>
      {questionnaires.length === 0 ? (
        <p className="muted">No questionnaires yet. Start one from a template to have a draft in a minute.</p>
      ) : (
        <div className="table-scroll">
          <table>
            <caption className="sr-only">Questionnaires</caption>
            <thead>
              <tr>
                <th scope="col">Title</th>
                <th scope="col">Id</th>
                <th scope="col">Latest version</th>
                <th scope="col">Draft edited</th>
              </tr>
            </thead>
            <tbody>
              {questionnaires.map((q) => (
                <tr key={q.id}>
                  <td>
                    <Link to={`/app/questionnaires/${q.id}`}>{q.title}</Link>
                  </td>
                  <td>{q.slug}</td>
                  <td>
                    {q.latestVersion ? (
                      <>
                        v{q.latestVersion} · <FormattedDate value={q.lastPublishedAt} precision="day" missing="" />
                      </>
                    ) : (
                      "not published"
                    )}
                  </td>
                  <td>
                    <FormattedDate value={q.updatedAt} precision="day" />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
