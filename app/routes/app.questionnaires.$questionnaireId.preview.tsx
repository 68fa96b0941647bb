import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { QuestionItem, questionItemLinks } from "~/components/question-item";
import { getDraftPreview } from "~/models/questionnaire.server";
import { requireRole } from "~/utils/route-roles.server";
import builderCss from "~/styles/questionnaires.css?url";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Preview: ${data?.questionnaire.title ?? "Questionnaire"} · valuebench` },
];
export const links = () => [...questionItemLinks(), { rel: "stylesheet", href: builderCss }];

/** Items per page of the answering flow. */
const PAGE_SIZE = 8;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "app.questionnaires.$questionnaireId.preview");
  const preview = await getDraftPreview(user.organizationId, params.questionnaireId ?? "");
  const pages = [];
  for (let i = 0; i < preview.order.length; i += PAGE_SIZE) pages.push(preview.order.slice(i, i + PAGE_SIZE));
  return { questionnaire: preview.questionnaire, title: preview.content.title, pages };
}

export default function QuestionnairePreview() {
  const { questionnaire, title, pages } = useLoaderData<typeof loader>();
  return (
    <div className="stack narrow">
      <p className="no-print">
        <Link to={`/app/questionnaires/${questionnaire.id}`}>← Back to the builder</Link>
      </p>
      <p className="alert warning no-print">Preview of the saved draft: answers here are not recorded.</p>
      <h1>{title}</h1>
      {pages.length === 0 ? <p className="muted">The draft has no items yet.</p> : null}
      {pages.map((page, index) => (
        <section key={index} className="preview-page" aria-labelledby={`page-${index + 1}`}>
          <h2 id={`page-${index + 1}`}>
            Page {index + 1} of {pages.length}
          </h2>
          {page.map((entry) => (
            <QuestionItem key={entry.item.id} item={entry.item} name={entry.item.id} />
          ))}
        </section>
      ))}
    </div>
  );
}
