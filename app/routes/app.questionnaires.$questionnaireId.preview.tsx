import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { QuestionItem, questionItemLinks } from "~/components/question-item";
import { useStaffT } from "~/i18n/staff";
import { staffT } from "~/i18n/staff-catalogs.server";
import { getDraftPreview } from "~/models/questionnaire.server";
import { requireRole } from "~/utils/route-roles.server";
import builderCss from "~/styles/questionnaires.css?url";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "valuebench" }];
export const links = () => [...questionItemLinks(), { rel: "stylesheet", href: builderCss }];

/** Items per page of the answering flow. */
const PAGE_SIZE = 8;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "app.questionnaires.$questionnaireId.preview");
  const preview = await getDraftPreview(user.organizationId, params.questionnaireId ?? "");
  const pages = [];
  for (let i = 0; i < preview.order.length; i += PAGE_SIZE) pages.push(preview.order.slice(i, i + PAGE_SIZE));
  const t = staffT(user.locale, "questionnaires");
  return {
    questionnaire: preview.questionnaire,
    heading: preview.content.title,
    title: `${t("preview.metaTitle", { title: preview.questionnaire.title })} · valuebench`,
    pages,
  };
}

/**
 * The saved draft as respondents see it: the staff chrome in the reader's language; the questions with the answering
 * catalog's scale labels (QuestionItem) and the draft's own (content) texts.
 */
export default function QuestionnairePreview() {
  const t = useStaffT("questionnaires");
  const { questionnaire, heading, pages } = useLoaderData<typeof loader>();
  return (
    <div className="stack narrow">
      <p className="no-print">
        <Link to={`/app/questionnaires/${questionnaire.id}`}>{t("preview.back")}</Link>
      </p>
      <p className="alert warning no-print">{t("preview.notRecorded")}</p>
      <h1>{heading}</h1>
      {pages.length === 0 ? <p className="muted">{t("preview.empty")}</p> : null}
      {pages.map((page, index) => (
        <section key={index} className="preview-page" aria-labelledby={`page-${index + 1}`}>
          <h2 id={`page-${index + 1}`}>{t("preview.page", { page: index + 1, pages: pages.length })}</h2>
          {page.map((entry) => (
            <QuestionItem key={entry.item.id} item={entry.item} name={entry.item.id} />
          ))}
        </section>
      ))}
    </div>
  );
}
