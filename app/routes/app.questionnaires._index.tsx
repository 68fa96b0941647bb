import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { FormattedDate } from "~/components/formatted-date";
import { listQuestionnaires } from "~/models/questionnaire.server";
import { requireRole } from "~/utils/route-roles.server";
import { useStaffT } from "~/i18n/staff";
import { staffT } from "~/i18n/staff-catalogs.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "valuebench" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "app.questionnaires._index");
  const title = staffT(user.locale, "content")("questionnaires.title");
  return { title, questionnaires: await listQuestionnaires(user.organizationId) };
}

export default function Questionnaires() {
  const { questionnaires } = useLoaderData<typeof loader>();
  const t = useStaffT("content");
  return (
    <div className="stack">
      <h1>{t("questionnaires.heading")}</h1>
      <p>
        <Link to="/app/questionnaires/new" className="button">
          {t("questionnaires.new")}
        </Link>
      </p>
      {questionnaires.length === 0 ? (
        <p className="muted">{t("questionnaires.none")}</p>
      ) : (
        <div className="table-scroll">
          <table>
            <caption className="sr-only">{t("questionnaires.heading")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("questionnaires.colTitle")}</th>
                <th scope="col">{t("questionnaires.colId")}</th>
                <th scope="col">{t("questionnaires.colLatest")}</th>
                <th scope="col">{t("questionnaires.colEdited")}</th>
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
                        {t("questionnaires.version", { version: q.latestVersion })} ·{" "}
                        <FormattedDate value={q.lastPublishedAt} precision="day" missing="" />
                      </>
                    ) : (
                      t("questionnaires.notPublished")
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
